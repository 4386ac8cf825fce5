import { Global, Module } from '@nestjs/common';
import { DeviceKeysController } from './device-keys.controller';
import { DeviceKeysService } from './device-keys.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeviceKey } from './device-key.entity';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([DeviceKey])],
  controllers: [DeviceKeysController],
  providers: [DeviceKeysService],
  exports: [DeviceKeysService],
})
export class DeviceKeysModule {}
