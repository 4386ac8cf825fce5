import { Module } from '@nestjs/common';
import { DistrictController } from './district.controller';
import { DistrictTree } from './district-tree';
import { DistrictService } from './district.service';

/** The district overview: every site of a district hall's tree at a glance (the push is the live module's). */
@Module({
  providers: [DistrictTree, DistrictService],
  controllers: [DistrictController],
  exports: [DistrictService],
})
export class DistrictModule {}
