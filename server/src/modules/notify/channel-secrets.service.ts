import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { ChannelSecrets } from './channels/sender';
import { loadNotifyKey, SecretBox } from './secret-box';

/** The one SecretBox of the process, made on first use so that a server without channels never needs the key. */
@Injectable()
export class ChannelSecretsService {
  private readonly logger = new Logger('notify');
  private box: SecretBox | null = null;

  constructor(private readonly config: AppConfig) {}

  private get sealer(): SecretBox {
    this.box ??= new SecretBox(loadNotifyKey(this.config, this.logger));
    return this.box;
  }

  seal(channelId: string, secrets: ChannelSecrets): string {
    return this.sealer.seal(channelId, secrets as Record<string, string>);
  }

  open(channelId: string, sealed: string): ChannelSecrets {
    return this.sealer.open(channelId, sealed);
  }
}
