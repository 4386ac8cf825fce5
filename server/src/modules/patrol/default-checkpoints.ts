// The checklist a site starts with: the checks docs/contracts/patrol.md draws from the rectification report,
// each tied to the numbers of the items it verifies. Admins edit them per site afterwards.

export interface CheckpointSeed {
  code: string;
  label: string;
  labelEn: string;
  items: number[];
  deductPoints: number;
}

export const DEFAULT_CHECKPOINTS: CheckpointSeed[] = [
  { code: 'windows-staffed', label: '开放窗口均有人在岗', labelEn: 'Every open window is staffed', items: [22, 47], deductPoints: 1 },
  {
    code: 'nameplate',
    label: '窗口公示牌有照片且为在岗人员',
    labelEn: 'Nameplates show a photo and the staff on duty',
    items: [47, 48],
    deductPoints: 1,
  },
  { code: 'self-service-helper', label: '“掌上办”区域有辅导人员', labelEn: 'The 掌上办 zone has a helper', items: [47], deductPoints: 1 },
  {
    code: 'back-office',
    label: '后台审批区无办事群众（受审分离）',
    labelEn: 'No citizens in back-office rooms (受审分离)',
    items: [19],
    deductPoints: 2,
  },
  {
    code: 'complaint-book',
    label: '入口处设意见簿和意见反馈台',
    labelEn: 'Complaint book and feedback desk at the entrance',
    items: [25],
    deductPoints: 1,
  },
  {
    code: 'pad-matches',
    label: '评价器与窗口在岗人员一致',
    labelEn: 'The rating pad matches the staff at the window',
    items: [25],
    deductPoints: 1,
  },
  {
    code: 'first-aid',
    label: '便民药箱药品在有效期内，备有老花镜',
    labelEn: 'First-aid kit in date, reading glasses present',
    items: [24],
    deductPoints: 1,
  },
  { code: 'archive-locked', label: '档案室、仓库门已锁闭', labelEn: 'Archive room and store are locked', items: [30], deductPoints: 1 },
];
