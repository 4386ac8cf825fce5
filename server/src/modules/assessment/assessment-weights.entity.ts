import type { AssessmentWeights } from '@hallwatch/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

// The weights of the assessment of the town centres below a district hall, set by an admin.
// A district without a row is assessed with the default weights.
@Entity('assessment_weights')
export class AssessmentWeightsRow {
  /** The district hall whose towns are assessed. */
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'jsonb' })
  weights!: AssessmentWeights;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;

  @Column({ type: 'varchar', length: 64, name: 'updated_by' })
  updatedBy!: string;
}
