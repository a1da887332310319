// Question sets for the widget browser tests.

const options = (...pairs: [string, string, string][]) => pairs.map(([value, en, ja]) => ({ value, label: { en, ja } }));

/** One question of each type, all asked at visit 1 (in this order). */
export const EVERY_TYPE = {
  nickname: { type: "text", label: { en: "Nickname", ja: "ニックネーム" }, required: true, minLength: 2, maxLength: 12 },
  about: { type: "textarea", label: { en: "About you", ja: "自己紹介" }, help: { en: "A line or two.", ja: "一、二行で。" } },
  workEmail: { type: "email", label: { en: "Work email", ja: "勤務先メール" } },
  mobile: { type: "tel", label: { en: "Mobile", ja: "携帯電話" } },
  website: { type: "url", label: { en: "Website", ja: "ウェブサイト" } },
  teamSize: { type: "number", label: { en: "Team size", ja: "チーム人数" }, integer: true, min: 1, max: 500 },
  startDate: { type: "date", label: { en: "Start date", ja: "開始日" }, min: "2020-01-01" },
  plan: { type: "select", label: { en: "Plan", ja: "プラン" }, required: true, options: options(["free", "Free", "無料"], ["pro", "Pro", "プロ"]) },
  billing: {
    type: "radio",
    label: { en: "Billing", ja: "請求" },
    required: true,
    options: options(["monthly", "Monthly", "毎月"], ["yearly", "Yearly", "毎年"]),
  },
  interests: {
    type: "multiselect",
    label: { en: "Interests", ja: "関心" },
    maxSelected: 2,
    options: options(["ai", "AI", "AI"], ["security", "Security", "セキュリティ"], ["cloud", "Cloud", "クラウド"]),
  },
  newsletter: {
    type: "consent",
    label: { en: "Send me the newsletter", ja: "ニュースレターを受け取る" },
    required: true,
    policyUrl: "https://example.com/privacy",
  },
};
