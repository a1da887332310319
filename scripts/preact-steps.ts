// The script tag's build steps for Preact and @preact/signals-core: what the widget's plain
// function components never run, cut from the libraries' pinned text.
import type { Plugin } from "vite";
import { cutOnce, guardModules, libraryEdit } from "./library-edits.ts";

/**
 * @preact/signals-core defines its `Computed` class with prototype assignments at the module's
 * top level, which a bundler must keep as side effects even where `computed()` is never called
 * (the widget never does): 1.2 KB of the script tag that never runs. Wrapped in a pure function
 * that returns the class, it goes when unused and stays as it was when used. The markers are
 * the pinned version's own text; a version that moves them stops the build here.
 */
export const signalsComputedTreeShakable = libraryEdit("signals-computed-tree-shakable", [
  {
    file: /[\\/]@preact[\\/]signals-core[\\/]dist[\\/]signals-core\.module\.js$/,
    edit(code, id) {
      const start = code.indexOf("function j(i,t){l.call(this,void 0,t);");
      const end = code.indexOf("function O(i,t){return new j(i,t)}");
      if (start < 0 || end < start) throw new Error(`${id}: the Computed class is not where signals-computed-tree-shakable expects it`);
      const computedClass = code.slice(start, end);
      return `${code.slice(0, start)}var j=/*#__PURE__*/(()=>{${computedClass}return j})();${code.slice(end)}`;
    },
  },
]);

/** Preact's own module in the script tag (its JSX runtime is another). */
const PREACT = /[\\/]preact[\\/]dist[\\/]preact\.mjs$/;

/**
 * A build step that cuts exact texts of Preact's pinned module (cutOnce), and stops the build
 * when a module of the script tag but Preact's own matches `reaches` (it would need what was cut).
 */
function preactCut(name: string, cuts: [string, string][], reaches: RegExp, what: string): Plugin {
  return {
    ...libraryEdit(name, [{ file: PREACT, edit: (code, id) => cutOnce(code, id, name, cuts) }]),
    ...guardModules(PREACT, reaches, (ids) => `${name}: ${ids} ${what}, which the script tag's Preact leaves out`),
  };
}

/**
 * Preact's Component class brings `setState()` and `forceUpdate()`, and with them the queue that
 * re-renders a component on its own (enqueueRender, its sort and its renderComponent). The
 * widget has no class component, no hooks and no context: its components are plain functions,
 * and the card is rendered whole by one effect (ui/render.ts), each change a new top-level
 * render(). Preact calls `setState` itself only for an error boundary, a component whose
 * constructor has a static `getDerivedStateFromError`, and none of ours has. So the two methods
 * go, and the queue with them (−0.35 KB brotli). The markers are the pinned version's minified
 * text; a version that moves them stops the build, and so does any module of the script tag but
 * Preact's own that calls the two methods or names an error boundary's hooks.
 */
export const preactComponentQueueUnused: Plugin = {
  ...libraryEdit("preact-component-queue-unused", [
    {
      file: PREACT,
      edit(code, id) {
        const methods = /(\w+)\.prototype\.setState=function\(\w*(?:,\w+)*\)\{.*?\},\1\.prototype\.forceUpdate=function\(\w*\)\{[^{}]*\},/;
        if (!methods.test(code)) throw new Error(`${id}: setState and forceUpdate are not where preact-component-queue-unused expects them`);
        return code.replace(methods, "");
      },
    },
  ]),
  ...guardModules(
    PREACT,
    /\.setState\(|\.forceUpdate\(|getDerivedStateFromError|componentDidCatch/,
    (ids) => `preact-component-queue-unused: ${ids} calls setState or forceUpdate or defines an error boundary, which the script tag's Preact leaves out`,
  ),
};

/**
 * Preact's diff serves class components and a function component's `this` (its component
 * instance): lifecycle methods, getDerivedStateFromProps, contexts (`contextType`,
 * `getChildContext`), shouldComponentUpdate and error boundaries. The widget's components are
 * plain functions that use none of it (no `this`, no context: the card is rendered whole from one
 * effect, ui/render.ts), and it imports neither `Component` nor `createContext`. So the diff is
 * told that no component is a class (`prototype.render`, which a class component has), and the
 * minifier drops every branch for one; the context and `this`-method reads go, and the error
 * handler, which only looks for an error boundary among the parents, just rethrows (what it did
 * for the widget: the FORCE flag it set on the parents is read only beside shouldComponentUpdate).
 * −0.3 KB brotli. The markers are the pinned version's minified text; a version that moves them
 * stops the build, and so does any module of the script tag but Preact's own that mentions one of
 * these names, or defines a `render` member (a class component must).
 */
const CLASS_ONLY = [
  "contextType", "getChildContext", "shouldComponentUpdate", "componentWillUpdate", "componentWillReceiveProps",
  "componentWillMount", "componentDidMount", "componentDidUpdate", "getSnapshotBeforeUpdate",
  "getDerivedStateFromProps", "getDerivedStateFromError", "componentDidCatch", "componentWillUnmount", "Component",
];

export const preactFunctionComponentsOnly = preactCut(
  "preact-function-components-only",
  [
    ["C=(s=V.prototype)&&s.render,j=(s=V.contextType)&&i[s.__c],L=s?j?j.props.value:s.__:i,", "C=0,L=i,"],
    ["j&&j.sub(d),", ""],
    ["||!(4&d.__g)&&d.shouldComponentUpdate&&!1===d.shouldComponentUpdate(M,d.__s,L)", ""],
    ["d.componentWillUpdate&&d.componentWillUpdate(M,d.__s,L),", ""],
    ["d.getChildContext&&(i=_({},i,d.getChildContext())),", ""],
    [
      "n={__e:function(n,t,r,u){for(var i,o,e;t=t.__;)if((i=t.__c)&&!(1&i.__g)){i.__g|=4;try{if((e=(o=i.constructor)&&o.getDerivedStateFromError)&&i.setState(o.getDerivedStateFromError(n)),i.componentDidCatch&&(i.componentDidCatch(n,u||{}),e=1),e&&8&i.__g)return void(i.__g|=2)}catch(t){n=t}}throw f=0,n}}",
      "n={__e:function(n){throw f=0,n}}",
    ],
    ["if(i.componentWillUnmount)try{i.componentWillUnmount()}catch(t){n.__e(t,r)}", ""],
    ["x.prototype.render=$,", ""],
  ],
  new RegExp(`\\b(?:${CLASS_ONLY.join("|")})\\b|\\.render\\b|["'\`]render["'\`]|\\brender\\s*:|\\brender\\s*\\([^()]*\\)\\s*\\{`),
  "mentions a class component's member",
);

/**
 * Preact calls its `options` hooks (vnode, diff, render, diffed, commit, unmount, root, event,
 * hydration mismatch) at every step, for preact/hooks, preact/compat, preact/debug and devtools.
 * The script tag has none of them, and no module of it but the JSX runtime imports `options`, so
 * every hook is undefined and each call site a read that finds nothing: they go, with `options`
 * from Preact's exports, so that a module that imports it (one of those add-ons, or ours) stops
 * the build (−0.1 KB brotli). The JSX runtime gets an empty object in its place (it reads
 * `options.vnode` only, and `options.attr` in jsxAttr, which the script tag does not use).
 */
export const preactOptionsUnused = libraryEdit("preact-options-unused", [
  {
    file: PREACT,
    edit: (code, id) =>
      cutOnce(code, id, "preact-options-unused", [
        ["return!o&&n.vnode&&n.vnode(e),e}", "return e}"],
        ["return u(n.event?n.event(r):r)", "return u(r)"],
        [",(s=n.__b)&&s(r);", ";"],
        ["H=n.__r,", ""],
        ["H&&H(r),", ""],
        ["return(s=n.diffed)&&s(r),l}", "return l}"],
        ["n.__c&&n.__c(r,t),", ""],
        ["l&&(n.__m&&n.__m(r,o),l=!1)", "l&&(l=!1)"],
        ["n.unmount&&n.unmount(t),", ""],
        ["n.__&&n.__(t,r),", ""],
        [",n as options,", ","],
      ]),
  },
  {
    file: /[\\/]preact[\\/]jsx-runtime[\\/]dist[\\/]jsxRuntime\.mjs$/,
    edit: (code, id) =>
      cutOnce(code, id, "preact-options-unused", [
        ['import{options as r,Fragment as t}from"preact";', 'import{Fragment as t}from"preact";var r={};'],
        ["r.vnode&&r.vnode(s),", ""],
      ]),
  },
]);

/**
 * Preact sets an element's `innerHTML` from a `dangerouslySetInnerHTML` prop. The widget never
 * renders HTML from text (SPEC §4: labels are plain text; §8: no `innerHTML`, a Trusted Types page
 * must see no sink), and none of its modules names that prop, so the branch goes: the script tag
 * then holds no `innerHTML` assignment at all. The markers are the pinned version's minified
 * text; the build stops when they move, and when a module of the script tag but Preact's own
 * names the prop or `innerHTML`.
 */
export const preactNoInnerHtml = preactCut(
  "preact-no-inner-html",
  [
    ['"dangerouslySetInnerHTML"==s?y=k:', ""],
    ['"dangerouslySetInnerHTML"==s?h=k:', ""],
    ['h?(l||y&&(h.__html==y.__html||h.__html==t.innerHTML)||(t.innerHTML=h.__html),r.__k=[]):(y&&(t.textContent=""),', "("],
  ],
  /dangerouslySetInnerHTML|innerHTML/,
  "names dangerouslySetInnerHTML or innerHTML",
);

/**
 * Preact resumes a tree a component suspended (it threw a promise, as preact/compat's Suspense and
 * lazy() do) and hydrates server-rendered HTML (hydrate()): the diff keeps the suspended DOM and
 * its "$s" comment markers, and tells every element whether it is being hydrated. The widget
 * renders its own tree with render() into its own shadow root: no component throws a promise (it
 * imports no Suspense or lazy) and nothing calls hydrate(), so the suspended-DOM branches and the
 * hydration flag's reads go (the flag is set by hydrate() alone, which then nothing reaches).
 * The markers are the pinned version's minified text, as the earlier steps left it; a version that
 * moves them stops the build, and so does any module of the script tag but Preact's own that
 * names hydrate, Suspense or lazy.
 */
export const preactNoSuspenseOrHydration = preactCut(
  "preact-no-suspense-or-hydration",
  [
    // A component that suspended before: its DOM and markers are taken up again.
    ["128&u.__u&&(c=32&u.__u,s=u.__c.__z)&&(r.__u|=c,p=o=[],8==s.nodeType?l=B(s,o):o.push(s),l=o[0]||l);", ";"],
    ["r.__u&=-161,p&&p.some(g),", "r.__u&=-161,"],
    // A thrown promise: the DOM so far is kept as the suspended DOM. Anything else still rethrows.
    [
      'if(t&&t.then){if(r.__u|=128|c,o){for(~(T=o.indexOf(l||void 0))||(T=o.length);(N=o[T-1])&&8==N.nodeType;)T--;for(;T<o.length;T++)if(N=o[T])if(o[T]=null,O){if(N==P)break}else{if(8!=N.nodeType)break;N.data.startsWith("$s")&&(P=B(O=N))}}if(!O){for(;l&&8==l.nodeType&&l.nextSibling;)l=l.nextSibling;O=l}(s=B(O=r.__c.__z||(r.__c.__z=O)))?(r.__e=O,l=s):r.__e=l,l=l&&l.nextSibling}else o&&o.some(g);',
      "o&&o.some(g);",
    ],
    ["t&&t.then||D(r),", "D(r),"],
    ["!u&&(i=t.__c)&&(i=i.__z)&&(f=B(i,o=[]))&&(i==t.__e&&o.some(g),g(f),g(i)),", ""],
    // Hydration: render() never sets the flag, so every element is created, never adopted as is.
    ["i=(u=t&&32&t.__u)?null:r.__k", "i=r.__k"],
    ["l&&(l=!1),", ""],
    ["!l&&o)", "o)"],
    ['l&&"function"!=typeof k||', ""],
    ['l&&"textarea"!=C||(s="value",', '(s="value",'],
    ["$===x||l&&t.data==x||(t.data=x)", "$===x||(t.data=x)"],
  ],
  /\bhydrate\b|\bSuspense\b|\blazy\b/,
  "names hydrate, Suspense or lazy",
);
