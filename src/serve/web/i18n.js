// UI strings in Thai (first) and English, the language switch, and the Thai formats the
// documents print (Thai digits, Thai month names, Buddhist-era years).

const STRINGS = {
  app_title: { th: 'โปรแกรมจัดทำเอกสาร OIT', en: 'OIT document editor' },
  skip_to_main: { th: 'ข้ามไปยังเนื้อหาหลัก', en: 'Skip to main content' },
  language: { th: 'ภาษา', en: 'Language' },
  sets_heading: { th: 'ชุดข้อมูล', en: 'Data sets' },
  open: { th: 'เปิด', en: 'Open' },
  back_to_list: { th: 'กลับไปหน้ารายการชุดข้อมูล', en: 'Back to the data sets' },
  documents: { th: 'เอกสาร', en: 'Documents' },
  fiscal_year: { th: 'ปีงบประมาณ', en: 'Fiscal year' },
  new_set: { th: 'สร้างชุดข้อมูลใหม่ (ว่าง)', en: 'New empty data set' },
  new_set_name: { th: 'ชื่อโฟลเดอร์ของชุดข้อมูลใหม่', en: 'Folder name of the new data set' },
  next_year: { th: 'สร้างชุดข้อมูลสำหรับปีถัดไป', en: 'New data set for next year' },
  next_year_name: { th: 'ชื่อโฟลเดอร์ของชุดข้อมูลปีถัดไป', en: 'Folder name of next year\'s data set' },
  create: { th: 'สร้าง', en: 'Create' },
  created: { th: 'สร้างชุดข้อมูลแล้ว', en: 'Data set created' },
  save: { th: 'บันทึก', en: 'Save' },
  saving: { th: 'กำลังบันทึก…', en: 'Saving…' },
  saved: { th: 'บันทึกแล้ว', en: 'Saved' },
  nothing_to_save: { th: 'ไม่มีการแก้ไขที่ต้องบันทึก', en: 'Nothing to save' },
  unsaved: { th: 'ยังไม่ได้บันทึก', en: 'unsaved' },
  unsaved_changes: { th: 'มีการแก้ไขที่ยังไม่ได้บันทึก', en: 'There are unsaved changes' },
  conflict: { th: 'บันทึกไม่ได้: ไฟล์ต่อไปนี้ถูกแก้ไขบนเครื่องหลังจากเปิดหน้านี้ ({files}) การแก้ไขของท่านยังอยู่ในหน้านี้ กรุณาคัดลอกเก็บไว้ แล้วโหลดหน้าใหม่', en: 'Not saved: these files changed on disk after this page loaded them ({files}). Your edits are still in the page; copy them, then reload.' },
  not_buildable: { th: 'บันทึกแล้ว แต่ยังสร้างเอกสารไม่ได้จนกว่าจะแก้ไขข้อผิดพลาด', en: 'Saved, but the documents cannot be built until the errors are fixed' },
  error_prefix: { th: 'เกิดข้อผิดพลาด', en: 'Error' },
  problems: { th: 'ข้อผิดพลาดและคำเตือน', en: 'Errors and warnings' },
  no_problems: { th: 'ไม่พบข้อผิดพลาด', en: 'No problems found' },
  n_errors: { th: 'ข้อผิดพลาด {n} รายการ', en: '{n} errors' },
  n_warnings: { th: 'คำเตือน {n} รายการ', en: '{n} warnings' },
  severity_error: { th: 'ข้อผิดพลาด', en: 'Error' },
  severity_warning: { th: 'คำเตือน', en: 'Warning' },
  files: { th: 'ไฟล์ข้อมูล', en: 'Data files' },
  form: { th: 'แบบฟอร์มข้อมูล', en: 'Data form' },
  add: { th: 'เพิ่ม', en: 'Add' },
  add_field: { th: 'เพิ่ม “{label}”', en: 'Add “{label}”' },
  not_given: { th: 'ยังไม่ได้ระบุ', en: 'not given' },
  remove: { th: 'ลบ', en: 'Remove' },
  remove_field: { th: 'ลบ “{label}”', en: 'Remove “{label}”' },
  add_row: { th: 'เพิ่มรายการ', en: 'Add row' },
  remove_row: { th: 'ลบรายการที่ {n}', en: 'Remove row {n}' },
  move_up: { th: 'เลื่อนรายการที่ {n} ขึ้น', en: 'Move row {n} up' },
  move_down: { th: 'เลื่อนรายการที่ {n} ลง', en: 'Move row {n} down' },
  row: { th: 'รายการที่ {n}', en: 'Row {n}' },
  confirm_remove_row: { th: 'ลบรายการที่ {n} ใช่หรือไม่', en: 'Remove row {n}?' },
  paste_rows: { th: 'วางรายการจากตาราง (Excel)', en: 'Paste rows from a spreadsheet' },
  paste_rows_help: { th: 'คัดลอกแถวจาก Excel หรือ Google Sheets แล้ววางที่นี่ คอลัมน์เรียงตามลำดับ: {cols}', en: 'Copy rows from Excel or Google Sheets and paste them here. Columns in order: {cols}' },
  paste_rows_button: { th: 'เพิ่มรายการที่วาง', en: 'Add the pasted rows' },
  pasted_n: { th: 'เพิ่ม {n} รายการแล้ว', en: '{n} rows added' },
  mode_text: { th: 'ข้อความอย่างเดียว', en: 'Plain text' },
  mode_full: { th: 'แบบละเอียด', en: 'Full form' },
  form_of: { th: 'รูปแบบของ “{label}”', en: 'Form of “{label}”' },
  yes: { th: 'ใช่', en: 'Yes' },
  choose: { th: '— เลือก —', en: '— choose —' },
  unknown_person: { th: 'ไม่พบรหัสบุคคล: {id}', en: 'Unknown person id: {id}' },
  unknown_value: { th: 'ค่าที่ไม่อยู่ในรายการ: {v}', en: 'Value not in the list: {v}' },
  not_a_number: { th: 'กรุณาระบุเป็นตัวเลข', en: 'Please enter a number' },
  not_an_integer: { th: 'กรุณาระบุเป็นจำนวนเต็ม', en: 'Please enter a whole number' },
  baht: { th: 'บาท', en: 'baht' },
  key_name: { th: 'รหัส', en: 'Key' },
  value: { th: 'ค่า', en: 'Value' },
  entry: { th: 'รายการ', en: 'Entry' },
  image: { th: 'รูปภาพ', en: 'Image' },
  choose_image: { th: 'เลือกไฟล์รูปภาพ', en: 'Choose an image file' },
  replace_image: { th: 'เปลี่ยนรูปภาพ', en: 'Replace the image' },
  add_photos: { th: 'เพิ่มรูปภาพ', en: 'Add photos' },
  drop_here: { th: 'ลากไฟล์รูปภาพ (JPEG หรือ PNG) มาวางที่นี่ หรือกดปุ่มเพื่อเลือกไฟล์', en: 'Drop image files (JPEG or PNG) here, or press the button to choose files' },
  uploading: { th: 'กำลังอัปโหลด…', en: 'Uploading…' },
  upload_failed: { th: 'อัปโหลดไม่สำเร็จ: {reason}', en: 'Upload failed: {reason}' },
  thumbnail_of: { th: 'ภาพตัวอย่างของ {src}', en: 'Thumbnail of {src}' },
  preview: { th: 'ตัวอย่างเอกสาร', en: 'Preview' },
  preview_document: { th: 'เอกสารที่แสดง', en: 'Document shown' },
  preview_none: { th: '— ไม่แสดงตัวอย่าง —', en: '— no preview —' },
  preview_building: { th: 'กำลังสร้างตัวอย่าง…', en: 'Building the preview…' },
  preview_ready: { th: 'ตัวอย่างเป็นปัจจุบัน ({ms} มิลลิวินาที)', en: 'Preview up to date ({ms} ms)' },
  preview_failed: { th: 'สร้างตัวอย่างไม่ได้ เนื่องจากข้อผิดพลาดด้านล่าง ภาพที่แสดงเป็นตัวอย่างล่าสุดที่สร้างได้', en: 'The preview cannot be built because of the errors below; the pages shown are the last good ones' },
  preview_click_help: { th: 'คลิกที่ข้อความในตัวอย่างเพื่อไปยังช่องข้อมูลนั้น', en: 'Click text in the preview to go to its field' },
  page_of: { th: 'หน้า {n} จาก {m}', en: 'Page {n} of {m}' },
  page_n: { th: 'หน้า {n}', en: 'Page {n}' },
  prev_page: { th: 'หน้าก่อน', en: 'Previous page' },
  next_page: { th: 'หน้าถัดไป', en: 'Next page' },
  zoom_in: { th: 'ขยาย', en: 'Zoom in' },
  zoom_out: { th: 'ย่อ', en: 'Zoom out' },
  zoom_fit: { th: 'พอดีความกว้าง', en: 'Fit width' },
  downloads: { th: 'ดาวน์โหลด', en: 'Downloads' },
  downloads_note: { th: 'ไฟล์สร้างจากข้อมูลที่บันทึกแล้ว', en: 'Built from the saved data' },
  profile_normal: { th: 'PDF', en: 'PDF' },
  profile_pdfa: { th: 'PDF/A (จัดเก็บถาวร)', en: 'PDF/A (archive)' },
  profile_web: { th: 'PDF สำหรับเว็บไซต์ (ไฟล์เล็ก)', en: 'PDF for the web (small)' },
  zip_all: { th: 'ทุกเอกสาร (ZIP)', en: 'All documents (ZIP)' },
  history: { th: 'ประวัติการบันทึก', en: 'Save history' },
  history_empty: { th: 'ยังไม่มีประวัติ', en: 'No versions yet' },
  restore: { th: 'คืนค่ารุ่นนี้', en: 'Restore this version' },
  confirm_restore: { th: 'คืนค่าไฟล์จากรุ่นวันที่ {time} ใช่หรือไม่ (ข้อมูลปัจจุบันจะถูกเก็บไว้ในประวัติ)', en: 'Restore the files of the version of {time}? (The current files are kept in the history.)' },
  confirm_restore_dirty: { th: 'การแก้ไขที่ยังไม่ได้บันทึกจะหายไป', en: 'Unsaved edits will be lost.' },
  restored: { th: 'คืนค่าแล้ว', en: 'Restored' },
  refresh: { th: 'โหลดรายการใหม่', en: 'Refresh' },
  loading: { th: 'กำลังโหลด…', en: 'Loading…' },
  tools: { th: 'เครื่องมือ', en: 'Tools' },
  doc_announcement: { th: 'ประกาศมาตรการเผยแพร่ข้อมูลต่อสาธารณะ', en: 'Announcement (ประกาศ)' },
  doc_order: { th: 'คำสั่งแต่งตั้งผู้รับผิดชอบ', en: 'Order (คำสั่ง)' },
  'doc_monitoring-6m': { th: 'รายงานการกำกับติดตามการป้องกันการทุจริต', en: 'Anti-corruption monitoring report' },
  'doc_measures-report': { th: 'รายงานมาตรการส่งเสริมคุณธรรมและความโปร่งใส', en: 'Integrity and transparency measures report' },
  status_done: { th: 'เสร็จแล้ว', en: 'Done' },
};

const KEY = 'oitgen.lang';
let current = (() => {
  try { return localStorage.getItem(KEY) === 'en' ? 'en' : 'th'; } catch { return 'th'; }
})();

export function lang() { return current; }

export function setLang(l) {
  current = l === 'en' ? 'en' : 'th';
  try { localStorage.setItem(KEY, current); } catch { /* private mode */ }
  document.documentElement.lang = current;
}

// A UI string in the current language, with {name} placeholders filled from `vars`.
export function t(key, vars = {}) {
  const s = STRINGS[key];
  let text = s ? (s[current] ?? s.th) : key;
  for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

export function docName(kind) { return STRINGS['doc_' + kind] ? t('doc_' + kind) : kind; }

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';
export function thaiDigits(s) { return String(s).replace(/[0-9]/g, d => THAI_DIGITS[d]); }
export function arabicDigits(s) { return String(s).replace(/[๐-๙]/g, d => String(THAI_DIGITS.indexOf(d))); }

const MONTHS_TH = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม',
  'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];

// "2022-10-01" → "๑ ตุลาคม ๒๕๖๕" (the day, the Thai month, the Buddhist-era year in Thai digits).
export function thaiDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  if (!m) return '';
  const month = Number(m[2]);
  if (month < 1 || month > 12) return '';
  return thaiDigits(`${Number(m[3])} ${MONTHS_TH[month - 1]} ${Number(m[1]) + 543}`);
}

// 1234567.5 → "1,234,567.50" (two decimals only when there is a fraction).
export function groupedNumber(n) {
  if (typeof n !== 'number' || !isFinite(n)) return '';
  const fraction = !Number.isInteger(n);
  return n.toLocaleString('en-US', { minimumFractionDigits: fraction ? 2 : 0, maximumFractionDigits: 2 });
}

// Short label and longer help from a schema description: the label is the description's first
// clause (technical asides in brackets dropped), the help the whole sentence.
export function labelAndHelp(desc, key) {
  const full = desc ? (desc[current] || desc.th || desc.en || '') : '';
  if (!full) return { label: humanize(key), help: '' };
  let label = current === 'th' ? firstThaiClause(full) : firstEnglishClause(full);
  if (!label) label = full;
  return { label, help: label === full ? '' : full };
}

function humanize(key) { return String(key).replace(/[_-]+/g, ' '); }

function dropTechnical(s) {
  // "(id ใน [[people]])", "(URL)", quoted key names: useful in help, noise in a label.
  return s.replace(/\s*\([^()]*[A-Za-z\[\]"][^()]*\)/g, '').replace(/\s+/g, ' ').trim();
}

function firstThaiClause(full) {
  const s = dropTechnical(full.split(/[:：]/)[0]);
  // Thai separates clauses with spaces; the next clause is kept when it qualifies the first
  // ("รหัสบุคคล ของผู้ลงนาม…": of, that, in, for) or the first is very short.
  const parts = [];
  let depth = 0, cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ' ' && depth === 0) { parts.push(cur); cur = ''; continue; }
    cur += ch;
  }
  if (cur) parts.push(cur);
  let label = '';
  for (const p of parts) {
    if (label && !p.startsWith('(') && label.length >= 6 && !/^(ของ|ที่|ใน|สำหรับ|แต่ละ)/.test(p)) break;
    label = label ? label + ' ' + p : p;
  }
  return label;
}

function firstEnglishClause(full) {
  let s = dropTechnical(full.split(/: /)[0]);
  if (s.length > 40) s = s.split(/[,;]\s|\.\s|\s\(/)[0];
  return s.replace(/\.$/, '');
}
