export { ExpertUsers } from './components/ExpertUsers';
export type { Choice, ExpertUsersProps, SystemChoice } from './components/ExpertUsers';
export { EXPERT_USERS_CSV } from './api/download-expert-users';
