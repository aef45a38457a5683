// The product's tasklist: Simplified Chinese for a zh browser (zh-CN, zh-TW, ...), English for every other.
// Dates use the chosen locale's formats (locales/zh.json: 2026年3月2日 09:30) in the browser's time zone,
// which the footer names; staff work in the business calendar's zone, Asia/Shanghai.
export default {
  locales: {
    availableLocales: ['en', 'zh'],
    fallbackLocale: 'en'
  },
  dateFormat: {
    monthName: 'MMMM',
    day: 'DD',
    abbr: 'lll',
    normal: 'LLL',
    long: 'LLLL',
    short: 'LL'
  },
  // staff are introduced in person, not by the vendor's first-login message
  disableWelcomeMessage: true,
  // the shortcuts the stock configuration defines, kept
  shortcuts: {
    claimTask: { key: 'ctrl+alt+c', description: 'claims the currently selected task' },
    focusFilter: { key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list' },
    focusList: { key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list' },
    focusForm: { key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form' },
    startProcess: { key: 'ctrl+alt+p', description: 'opens the start process modal dialog' }
  },
};
