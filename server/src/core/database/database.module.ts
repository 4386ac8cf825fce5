import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { databaseTimeouts, dataSourceOptions } from './data-source';
import { TableUpkeep } from './table-upkeep';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      // Keep retrying in the background: a database restart must not kill the process.
      useFactory: (c: AppConfig) => ({ ...dataSourceOptions(c.DATABASE_URL, databaseTimeouts(c)), retryAttempts: 3, retryDelay: 1000 }),
    }),
  ],
  providers: [TableUpkeep],
  exports: [TableUpkeep],
})
export class DatabaseModule {}
