import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RectificationModule } from '../rectification/rectification.module';
import { AssessmentController } from './assessment.controller';
import { AssessmentService } from './assessment.service';
import { AssessmentWeightsRow } from './assessment-weights.entity';

// The assessment of the town centres (考核, item 46; docs/contracts/assessment.md): weighted
// scorecards from the stored data, their evidence and ranking reasons, the workbook, and the
// ranking's spread filed as evidence on item 46.
@Module({
  imports: [TypeOrmModule.forFeature([AssessmentWeightsRow]), RectificationModule],
  controllers: [AssessmentController],
  providers: [AssessmentService],
})
export class AssessmentModule {}
