// Record ids are made on the phone when the record is made, and kept with it until the
// server has it: a resend after a dropped answer carries the same id and counts once.
// crypto.randomUUID needs a secure context, which a phone on the hall's plain-http Wi-Fi
// is not; getRandomValues works everywhere.

export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${prefix}-${Date.now().toString(36)}-${hex}`;
}
