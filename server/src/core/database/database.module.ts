import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { databaseTimeouts, dataSourceOptions } from './data-source';
import { TableUpkeep } from './table-upkeep';

/**
 * Which entities the connection knows: `registered`, those the loaded feature modules register
 * (TypeOrmModule.forFeature), as the server loads every feature; `every-file`, all entity files,
 * for a process that runs features' jobs without their modules (the worker).
 */
export type EntitySource = 'registered' | 'every-file';

@Global()
@Module({ providers: [TableUpkeep], exports: [TableUpkeep] })
export class DatabaseModule {
  static forRoot(entities: EntitySource = 'registered'): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          // Keep retrying in the background: a database restart must not kill the process.
          useFactory: (c: AppConfig) => ({
            ...dataSourceOptions(c.DATABASE_URL, databaseTimeouts(c)),
            ...(entities === 'registered' ? { entities: [], autoLoadEntities: true } : {}),
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
    };
  }
}
