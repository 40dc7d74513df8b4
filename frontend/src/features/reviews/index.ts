export { Reviews } from './components/Reviews';
export type { ReviewsProps } from './components/Reviews';
export { ReviewPage } from './components/ReviewPage';
export type { ReviewPageProps } from './components/ReviewPage';
