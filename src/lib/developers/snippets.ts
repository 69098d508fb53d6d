import { en, zhCN } from '../i18n/messages/features/widget';

/** Copy-paste snippets of /developers, filled in with this deployment's origin and the reader's point. */
export interface SnippetPoint {
	lat: number;
	lon: number;
	lang: 'zh-CN' | 'en';
}

export type SnippetName = 'widget' | 'iframe' | 'json' | 'feeds' | 'webhooks' | 'verify';

export function snippets(origin: string, point: SnippetPoint): Record<SnippetName, string> {
	const { lat, lon, lang } = point;
	// The iframe's accessible name is read out in the page's language: the widget's own title in that language.
	const title = (lang === 'en' ? en : zhCN)['widget.title'];
	return {
		widget: `<script src="${origin}/widget.js" async></script>
<reunion-alerts lat="${lat}" lon="${lon}" lang="${lang}" radius-km="50" max="5" theme="auto"></reunion-alerts>
<style>
  reunion-alerts { --reunion-accent: #b3261e; --reunion-radius: 8px; }
</style>`,
		iframe: `<iframe src="${origin}/embed?lat=${lat}&lon=${lon}&lang=${lang}" title="${title}"
  width="400" height="480" style="border:0"></iframe>`,
		json: `curl '${origin}/api/alerts?lat=${lat}&lon=${lon}&include=closed'
curl '${origin}/api/cases/<id>'
curl '${origin}/api/openapi.json'`,
		feeds: `${origin}/feeds/alerts.atom
${origin}/feeds/alerts.atom?lat=${lat}&lon=${lon}
${origin}/feeds/cap/<id>.xml
${origin}/feeds/pfif.xml`,
		webhooks: `// npm install standardwebhooks
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

// The whsec_… secret shown once when the partner was registered (or its secret last rotated).
const webhook = new Webhook(process.env.REUNION_WEBHOOK_SECRET);

createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  try {
    // Checks webhook-signature over webhook-id, webhook-timestamp (±5 min) and the raw body.
    const { type, timestamp, data } = webhook.verify(body, req.headers);
    // type: case.alert | case.update | case.radius | case.resolved | case.cancelled | case.withdrawn.
    // data.case is ${origin}/api/cases/<id> as the public sees it, with its own ES256 signature;
    // a cancelled case is only { id, status: 'cancelled', cancelledAt }: remove the alert you show.
    // Retries repeat webhook-id: skip an id you have handled already.
    console.log(req.headers['webhook-id'], type, timestamp, data.case.id);
    res.writeHead(204).end();
  } catch {
    res.writeHead(400).end();
  }
}).listen(Number(process.env.PORT ?? 8080), process.env.HOST);`,
		verify: `// RFC 8785: members sorted by UTF-16 code units; JSON.stringify writes strings and numbers as JCS wants.
const jcs = (v) => v === null || typeof v !== 'object' ? JSON.stringify(v)
  : Array.isArray(v) ? '[' + v.map(jcs).join(',') + ']'
  : '{' + Object.keys(v).filter((k) => v[k] !== undefined).sort()
      .map((k) => JSON.stringify(k) + ':' + jcs(v[k])).join(',') + '}';
const b64u = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

const { keys } = await (await fetch('${origin}/.well-known/reunion-keys.json')).json();
const { alerts } = await (await fetch('${origin}/api/alerts?lat=${lat}&lon=${lon}')).json();
const { signature, distanceKm, ...signed } = alerts[0];
const jwk = keys.find((k) => k.kid === signature.kid);
const key = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key,
  b64u(signature.sig), new TextEncoder().encode(jcs(signed)));`
	};
}
