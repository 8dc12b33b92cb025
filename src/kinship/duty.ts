// When the kinship local offer duty applies (Children's Wellbeing and Schools Act 2026 s.5, CA 1989
// s.22H): s.78 brings s.5 into force two months after Royal Assent, about 29 June 2026
// (policy-2026.md §1). An arrangement that began before then owes the offer from that day.
export const KINSHIP_OFFER_DUTY_FROM = '2026-06-29';
