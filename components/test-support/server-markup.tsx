import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

/**
 * A component tree's HTML as the server sends it, for unit tests in node. react-dom/server cannot
 * render async server components, so those are awaited here first, wherever they sit among the
 * elements' children; every other component (client ones included, in their server-side state) is
 * left to renderToStaticMarkup.
 */
export async function serverMarkup(node: ReactNode): Promise<string> {
  return renderToStaticMarkup(<>{await resolve(node)}</>);
}

async function resolve(node: ReactNode): Promise<ReactNode> {
  if (Array.isArray(node)) return Promise.all(node.map(resolve));
  if (!isValidElement(node)) return node;
  const { type, props } = node as ReactElement<{ children?: ReactNode }>;
  if (typeof type === 'function' && type.constructor.name === 'AsyncFunction') {
    return resolve(await (type as (props: object) => Promise<ReactNode>)(props));
  }
  if (props.children === undefined) return node;
  const children = await resolve(props.children);
  // Passed one by one, as JSX passes them, so that static children need no keys.
  return cloneElement(node, undefined, ...(Array.isArray(children) ? children : [children]));
}
