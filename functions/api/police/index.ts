import { Hono } from 'hono';
import { requireRole, sameOrigin, type PoliceEnv } from '../auth/session';
import { policeAdmin } from './admin';
import { policeAudience } from './audience';
import { policeCases } from './cases';
import { policeApprove } from './cases-approve';
import { policeHandOver } from './cases-hand-over';
import { policePhoto } from './cases-photo';
import { policeRadius } from './cases-radius';
import { policeCaseReads } from './cases-reads';
import { policeCaseTips } from './cases-tips';
import { policeDevices } from './devices';
import { policePartners } from './partners';
import { policeShardMoves } from './shard-moves';
import { policeTips } from './tips';
import { policeUnits } from './units';
import { policeUsers } from './users';

/** Everything under /api/police: same origin and a signed-in officer first; larger roles per route. */
export const police = new Hono<PoliceEnv>()
	.use(sameOrigin)
	.use(requireRole('officer'))
	.route('/cases', policeCases)
	.route('/cases', policeApprove)
	.route('/cases', policePhoto)
	.route('/cases', policeRadius)
	.route('/cases', policeCaseReads)
	.route('/cases', policeCaseTips)
	.route('/cases', policeHandOver)
	.route('/tips', policeTips)
	.route('/audience', policeAudience)
	.route('/devices', policeDevices)
	.route('/users', policeUsers)
	.route('/units', policeUnits)
	.route('/partners', policePartners)
	.route('/shard-moves', policeShardMoves)
	.route('/', policeAdmin);
