import { createTransport } from 'nodemailer';
import { ChannelSecrets, clip, Outgoing, SEND_TIMEOUT_MS, Sender, SendResult } from './sender';

/** The plain settings of an e-mail channel, checked when it was saved (channel-input.ts). */
export interface EmailSettings {
  host: string;
  port: number;
  /** Implicit TLS (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  username?: string;
  from: string;
  to: string[];
}

export const EMAIL: Sender = {
  async send(settings, secrets: ChannelSecrets, out: Outgoing): Promise<SendResult> {
    const s = settings as unknown as EmailSettings;
    const transport = createTransport({
      host: s.host,
      port: s.port,
      secure: s.secure,
      auth: s.username ? { user: s.username, pass: secrets.password ?? '' } : undefined,
      connectionTimeout: SEND_TIMEOUT_MS,
      greetingTimeout: SEND_TIMEOUT_MS,
      socketTimeout: SEND_TIMEOUT_MS,
    });
    const m = out.message;
    try {
      // The delivery id as Message-ID: a resend after a crash is the same message to mail clients.
      const info = await transport.sendMail({
        from: s.from,
        to: [...s.to, ...(m.mentions?.emails ?? [])],
        subject: m.title,
        text: m.markdown,
        messageId: `<${out.deliveryId}@hallwatch>`,
        headers: { 'X-Hallwatch-Delivery': out.deliveryId },
      });
      const code = Number(/^(\d{3})/.exec(String(info.response))?.[1] ?? 250);
      return { ok: true, status: code, answer: clip(String(info.response)), retryable: false };
    } catch (err) {
      const e = err as Error & { responseCode?: number; code?: string };
      return { ok: false, status: e.responseCode ?? null, answer: clip(`${e.code ?? ''} ${e.message}`.trim()), retryable: true };
    } finally {
      transport.close();
    }
  },
};
