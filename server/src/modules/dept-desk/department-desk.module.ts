import { Module } from '@nestjs/common';
import { PatrolModule } from '../patrol/patrol.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { DepartmentDeskController } from './department-desk.controller';
import { DepartmentDeskService } from './department-desk.service';

// The department account's landing (进驻部门): one read over patrol's notices and reviews' cases.
@Module({
  imports: [PatrolModule, ReviewsModule],
  controllers: [DepartmentDeskController],
  providers: [DepartmentDeskService],
})
export class DepartmentDeskModule {}
