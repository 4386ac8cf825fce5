export const zh = {
  app: { title: '政务服务大厅运行监测' },
  wall: {
    waiting: '当前等候',
    served: '今日办结',
    people: '人',
    updated: '{{age}} 秒前更新',
    connecting: '正在连接…',
    stale: '数据已中断，自 {{since}} 起未收到数据',
    language: 'English',
  },
};
