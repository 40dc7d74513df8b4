export { useOrder } from './api/get-order';
export type { Order, OrderListItem, OrderStatus } from './api/types';
export { EditOrder } from './components/EditOrder';
export { ItQueue } from './components/ItQueue';
export { NewOrder } from './components/NewOrder';
export { OrderDetail } from './components/OrderDetail';
export { OrdersList } from './components/OrdersList';
export type { ProviderChoice } from './components/OrderForm';
export { OrdersPerWeek } from './components/OrdersPerWeek';
