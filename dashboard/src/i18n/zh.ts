export const zh = {
  app: { title: '政务服务大厅运行监测' },
};
