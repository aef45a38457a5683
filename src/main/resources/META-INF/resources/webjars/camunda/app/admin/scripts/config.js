// The product's admin: Simplified Chinese for a zh browser (zh-CN, zh-TW, ...), English for every other.
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
};
