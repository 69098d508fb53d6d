import { ReunionAlerts } from './reunion-alerts';

// Loaded twice (two snippets on one page) it must not throw: define once.
if (!customElements.get('reunion-alerts')) customElements.define('reunion-alerts', ReunionAlerts);
