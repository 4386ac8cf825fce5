import { Global, Module } from '@nestjs/common';
import { DeviceKeysService } from './device-keys.service';

@Global()
@Module({ providers: [DeviceKeysService], exports: [DeviceKeysService] })
export class DeviceKeysModule {}
