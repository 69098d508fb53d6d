/** Texts of /developers, the page for partners who embed alerts (src/routes/developers). */
export const zhCN = {
	'developers.title': '开发者：嵌入与数据接口',
	'developers.intro': '在您的网站或应用中展示附近的儿童失踪警报。所有公开数据都带有警方签名，可以验证真伪。',
	'developers.widget': '网页组件',
	'developers.widgetHelp':
		'粘贴这两行：组件在影子 DOM 中显示所选地点附近的警报，每 60 秒刷新，不使用 Cookie。可用 CSS 变量调整外观。',
	'developers.widgetCsp':
		"若您的页面设置了内容安全策略（CSP），需允许：script-src {origin}、connect-src {origin}、img-src {origin}（照片）。样式无需 'unsafe-inline'：组件用可构造样式表（adoptedStyleSheets）设置样式，style-src 'self' 即可。使用 iframe 时需 frame-src {origin}。",
	'developers.iframe': 'iframe',
	'developers.iframeHelp': '不允许第三方脚本的网站可以嵌入这个页面。',
	'developers.json': 'JSON 接口',
	'developers.jsonHelp':
		'每条警报都带有 signature（ES256，基于 RFC 8785 规范化 JSON，不含 signature 和 distanceKm）。/api/openapi.json 是整个公共接口的 OpenAPI 3.1 描述。',
	'developers.feeds': '订阅源',
	'developers.feedsHelp':
		'Atom（每条目内嵌 CAP 1.2）、单个案件的 CAP 1.2、PFIF 1.4。响应带有 RFC 9421 签名和 Content-Digest。',
	'developers.webhooks': '合作方 Webhook',
	'developers.webhooksHelp':
		'合作方由管理员在警务控制台登记（HTTPS 地址、服务区域、事件），之后与区域相交的每次案件变化都会以 POST 推送，遵循 Standard Webhooks 规范：请求头 webhook-id、webhook-timestamp、webhook-signature，请求体为 { type, timestamp, data: { case } }。失败（非 2xx、超时或重定向）会在 5 秒、5 分钟、30 分钟、2、5、10、10 小时后重试。任何 Standard Webhooks 实现都能验证，例如 Node.js：',
	'developers.keys': '公钥与验证',
	'developers.keysHelp': '公钥以 JWK Set 发布，可能同时有多把（按 kid 选择）。用 WebCrypto 验证一条警报：',
	'developers.preview': '实时预览',
	'developers.previewHelp': '选择一个地点，下面就是组件在您页面上的样子。',
	'developers.lat': '纬度',
	'developers.lon': '经度',
	'developers.lang': '语言',
	'developers.mapData': '地图数据与署名',
	'developers.mapDataHelp':
		'本站地图使用以下开放数据；转载地图或数据时请保留这些署名（地图右下角的 ⓘ 也会显示）。',
	'developers.naturalEarth': 'Natural Earth：陆地与国界（公共领域）',
	'developers.geonames': 'GeoNames：地名与坐标（CC BY 4.0）',
	'developers.osm': 'OpenStreetMap 贡献者：部署后的街道地图（ODbL）'
} as const;

export const en: Record<keyof typeof zhCN, string> = {
	'developers.title': 'Developers: embedding and data',
	'developers.intro':
		'Show missing-child alerts near a place on your site or in your app. All public data is signed by the police deployment, so copies can be checked.',
	'developers.widget': 'Widget',
	'developers.widgetHelp':
		'Paste these two lines: the element shows alerts near the point in a shadow DOM, refreshes every 60 s and uses no cookies. Theme it with CSS custom properties.',
	'developers.widgetCsp':
		"If your page has a Content-Security-Policy, allow script-src {origin}, connect-src {origin} and img-src {origin} (photos). Styles need no 'unsafe-inline': the widget styles itself with a constructable stylesheet (adoptedStyleSheets), so style-src 'self' is enough. For the iframe, allow frame-src {origin}.",
	'developers.iframe': 'Iframe',
	'developers.iframeHelp': 'For sites that allow no third-party script, frame this page instead.',
	'developers.json': 'JSON API',
	'developers.jsonHelp':
		'Every alert carries a signature (ES256 over the RFC 8785 canonical JSON, without signature and distanceKm). /api/openapi.json describes the whole public API as OpenAPI 3.1.',
	'developers.feeds': 'Feeds',
	'developers.feedsHelp':
		'Atom (each entry embeds CAP 1.2), CAP 1.2 per case, PFIF 1.4. Responses carry an RFC 9421 signature and a Content-Digest.',
	'developers.webhooks': 'Partner webhooks',
	'developers.webhooksHelp':
		'An admin registers a partner in the police console (HTTPS URL, area served, events); from then on every change of a case whose circle meets the area is POSTed to it as Standard Webhooks specifies: headers webhook-id, webhook-timestamp and webhook-signature, body { type, timestamp, data: { case } }. A failed attempt (not 2xx, a timeout or a redirect) is retried after 5 s, 5 min, 30 min, 2, 5, 10 and 10 hours. Any Standard Webhooks library verifies them; in Node.js:',
	'developers.keys': 'Keys and verification',
	'developers.keysHelp':
		'The public keys are a JWK Set and may hold several (pick by kid). Verifying one alert with WebCrypto:',
	'developers.preview': 'Live preview',
	'developers.previewHelp': 'Pick a point; below is the widget as it will look on your page.',
	'developers.lat': 'Latitude',
	'developers.lon': 'Longitude',
	'developers.lang': 'Language',
	'developers.mapData': 'Map data and attribution',
	'developers.mapDataHelp':
		'The maps on this site use the open data below; keep these credits when you reuse the map or its data (the ⓘ in the map’s corner shows them too).',
	'developers.naturalEarth': 'Natural Earth: land and country borders (public domain)',
	'developers.geonames': 'GeoNames: place names and coordinates (CC BY 4.0)',
	'developers.osm': 'OpenStreetMap contributors: the street map when deployed (ODbL)'
};
