export { WebhooksAdmin } from './components/WebhooksAdmin';
