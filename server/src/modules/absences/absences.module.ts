import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RectificationModule } from '../rectification/rectification.module';
import { AbsenceEntry } from './absence-entry.entity';
import { AbsenceFiguresService } from './absence-figures.service';
import { AbsencesService } from './absences.service';
import { AbsencesController } from './controllers/absences.controller';

// The outing and leave register (外出报备 / 请销假, docs/contracts/absences.md): entries filed and
// decided by two people, the roll call, the monthly figures and their workbook. The wall's
// indicators read its approved entries through ABSENCE_REGISTER_SOURCE (server/src/snapshot.module.ts).
@Module({
  imports: [TypeOrmModule.forFeature([AbsenceEntry]), RectificationModule],
  controllers: [AbsencesController],
  providers: [AbsencesService, AbsenceFiguresService],
})
export class AbsencesModule {}
