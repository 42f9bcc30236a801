// XML parsed with linkedom, behind the few DOM calls the tests make: linkedom declares most of its DOM
// (querySelectorAll, getAttribute, textContent) as `any`, so its results are typed once, here.
import { DOMParser } from 'linkedom';

export interface XmlParent {
  querySelector(selector: string): XmlElement | null;
  querySelectorAll(selector: string): Iterable<XmlElement>;
}

export interface XmlElement extends XmlParent {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
}

/** An XML document (GraphML, …) parsed. */
export function parseXml(text: string): XmlParent {
  return new DOMParser().parseFromString(text, 'text/xml');
}

/** The elements under `root` that match `selector`, as an array. */
export function elements(root: XmlParent, selector: string): XmlElement[] {
  return [...root.querySelectorAll(selector)];
}
