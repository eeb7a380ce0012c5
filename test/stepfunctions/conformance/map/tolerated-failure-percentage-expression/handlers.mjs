// The same judge as the first tolerated-failure case: scores under 5 are rejected.
export { default } from '../tolerated-failure-count-lets-the-map-succeed/handlers.mjs';
