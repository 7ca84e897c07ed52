/** The two languages of the UI: 简体中文 (default) and English. */
export type Lang = 'zh' | 'en'
