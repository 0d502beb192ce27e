// Shared parts of the monitoring pages on top of the shell's UI kit (/ui/kit.js): their texts,
// header links, evidence links and period examples. Everything generic (API calls, texts, DOM
// building, downloads) comes from the kit and is re-exported so the pages import one module.
import { addTexts, renderHeader as kitHeader, el, api, query } from '/ui/kit.js';

export * from '/ui/kit.js';

addTexts({
  vi: {
    navDashboard: 'Bảng điều khiển', navEntry: 'Nhập số liệu', navVerify: 'Xác minh', navTasks: 'Nhiệm vụ', navWarnings: 'Cảnh báo sớm',
    pagesNav: 'Theo dõi, đánh giá',
    GREEN: 'Xanh', AMBER: 'Vàng', RED: 'Đỏ', NONE: 'Chưa có số liệu', UNRATED: 'Chưa đánh giá',
    DRAFT: 'Bản nháp', SUBMITTED: 'Đã gửi', VERIFIED: 'Đã xác minh', REJECTED: 'Bị trả lại',
    MONTHLY: 'Hằng tháng', QUARTERLY: 'Hằng quý', SEMI_ANNUAL: '6 tháng', YEARLY: 'Hằng năm',
    KEY_STRATEGY_GROUP: 'Nhóm chiến lược then chốt', STRATEGIC: 'Chiến lược', OPERATIONAL: 'Vận hành',
    TASK_COMPLETION: 'Hoàn thành nhiệm vụ',
    NOT_STARTED: 'Chưa bắt đầu', ON_TRACK: 'Đúng tiến độ', DUE_SOON: 'Sắp đến hạn', OVERDUE: 'Quá hạn',
    DONE: 'Hoàn thành', DONE_LATE: 'Hoàn thành muộn',
    INFO: 'Thông tin', WARNING: 'Cảnh báo', CRITICAL: 'Nghiêm trọng',
    OPEN: 'Đang mở', ACKNOWLEDGED: 'Đã tiếp nhận', CLOSED: 'Đã đóng'
  },
  en: {
    navDashboard: 'Dashboard', navEntry: 'Data entry', navVerify: 'Verify', navTasks: 'Tasks', navWarnings: 'Early warnings',
    pagesNav: 'Monitoring and evaluation',
    GREEN: 'Green', AMBER: 'Amber', RED: 'Red', NONE: 'No data', UNRATED: 'Not rated',
    DRAFT: 'Draft', SUBMITTED: 'Submitted', VERIFIED: 'Verified', REJECTED: 'Rejected',
    MONTHLY: 'Monthly', QUARTERLY: 'Quarterly', SEMI_ANNUAL: 'Half-yearly', YEARLY: 'Yearly',
    KEY_STRATEGY_GROUP: 'Key strategy group', STRATEGIC: 'Strategic', OPERATIONAL: 'Operational',
    TASK_COMPLETION: 'Task completion',
    NOT_STARTED: 'Not started', ON_TRACK: 'On track', DUE_SOON: 'Due soon', OVERDUE: 'Overdue',
    DONE: 'Done', DONE_LATE: 'Done late',
    INFO: 'Information', WARNING: 'Warning', CRITICAL: 'Critical',
    OPEN: 'Open', ACKNOWLEDGED: 'Acknowledged', CLOSED: 'Closed'
  }
});

const pages = [
  ['dashboard', '/monitoring/dashboard.html', 'navDashboard'],
  ['entry', '/monitoring/entry.html', 'navEntry'],
  ['verify', '/monitoring/verify.html', 'navVerify'],
  ['tasks', '/monitoring/tasks.html', 'navTasks'],
  ['warnings', '/monitoring/warnings.html', 'navWarnings']
];

/** The header bar with the monitoring pages; onLanguage() re-renders a page after a switch. */
export function renderHeader(active, onLanguage) {
  return kitHeader(active, onLanguage, pages);
}

/** A link downloading an evidence file {id, fileName, size}. */
export function evidenceLink(file) {
  const link = el('a', { class: 'evidence', href: `/api/monitoring/evidence/${file.id}`, dataset: { id: file.id } },
    file.fileName || `#${file.id}`);
  link.dataset.path = `/monitoring/evidence/${encodeURIComponent(file.id)}`;
  link.dataset.file = file.fileName || `evidence-${file.id}`;
  return link;
}

/** Uploads a file as evidence of a DATAVALUE (IND/UNIT/PERIOD) or TASK_REPORT (report id). */
export function uploadEvidence(ownerType, ownerKey, file) {
  return api(`/monitoring/evidence${query({ ownerType, ownerKey, fileName: file.name })}`, {
    method: 'POST', headers: { 'Content-Type': file.type || 'application/octet-stream' }, body: file
  });
}

/** The expected period format of a periodicity, as an example. */
export function periodExample(periodicity) {
  return { MONTHLY: '202609', QUARTERLY: '2026Q3', SEMI_ANNUAL: '2026S1', YEARLY: '2026' }[periodicity] || '2026Q3';
}
