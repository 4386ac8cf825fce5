import { Visit } from './visit.entity';
import { VisitCheck } from './visit-check.entity';
import { VisitFinding } from './visit-finding.entity';
import { VisitPhoto } from './visit-photo.entity';
import { VisitPoint } from './visit-point.entity';

export { Visit, VisitCheck, VisitFinding, VisitPhoto, VisitPoint };

export const VISIT_ENTITIES = [Visit, VisitCheck, VisitFinding, VisitPhoto, VisitPoint];
