export { getMe, meQueryKey, useMe } from './api/get-me';
export type { Me, Role } from './api/get-me';
export { login, useLogin } from './api/login';
export { LoginForm } from './components/LoginForm';
