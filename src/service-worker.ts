/// <reference lib="webworker" />
// The service worker is assembled from one module per concern under src/lib/sw/: a feature adds a module and a
// line here. `self.__WB_MANIFEST` must stay in this file: the PWA build injects the precache list where it stands.
import { handleCatchUp } from './lib/sw/catch-up';
import { handleClueSync } from './lib/sw/clue-sync';
import { handleDeliveryCheck } from './lib/sw/delivery-check';
import { handleNotificationClick } from './lib/sw/notification-click';
import { handlePush } from './lib/sw/push';
import { installRoutes } from './lib/sw/routes';
import { handleSubscriptionChange } from './lib/sw/subscription-change';

declare const self: ServiceWorkerGlobalScope;

installRoutes(self, self.__WB_MANIFEST);
handlePush(self);
handleDeliveryCheck(self);
handleCatchUp(self);
handleNotificationClick(self);
handleSubscriptionChange(self);
handleClueSync(self);
