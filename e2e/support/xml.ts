import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { memoryPages, validateXML } from 'xmllint-wasm';

// Feeds and sitemaps read the way their consumers read them: libxml2 (xmllint, compiled to
// WebAssembly) decides whether a document is well-formed and whether it matches a schema;
// fast-xml-parser turns it into a tree the tests can walk; rss-parser reads a feed as a feed
// reader does.

const XSD_DIR = path.resolve(__dirname, '../fixtures/xsd');
/**
 * libxml2's memory for a validation: a full child sitemap (50,000 URLs with their alternates, about
 * 25 MB) does not fit in xmllint-wasm's default 32 MiB.
 */
const VALIDATION_MEMORY = { maxMemoryPages: memoryPages.GiB };

/** libxml2's complaints about a document: [] when it is well-formed XML. */
export async function wellFormednessErrors(xml: string, fileName = 'document.xml'): Promise<string[]> {
  const result = await validateXML({ xml: { fileName, contents: xml }, normalization: 'format' });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/**
 * libxml2's errors when validating against the sitemap schemas in e2e/fixtures/xsd (the
 * sitemaps.org schema with the xhtml:link and Google News extensions): [] when valid.
 */
export async function sitemapSchemaErrors(xml: string, fileName = 'sitemap.xml'): Promise<string[]> {
  // siteindex.xsd defines the same types in the same namespace as sitemap.xsd: never loaded beside it.
  const schemas = readdirSync(XSD_DIR).filter((f) => f.endsWith('.xsd') && f !== SITEINDEX_XSD);
  const result = await validateXML({
    xml: { fileName, contents: xml },
    schema: { fileName: 'sitemaps.xsd', contents: readFileSync(path.join(XSD_DIR, 'sitemaps.xsd'), 'utf8') },
    preload: schemas.filter((f) => f !== 'sitemaps.xsd').map((f) => ({ fileName: f, contents: readFileSync(path.join(XSD_DIR, f), 'utf8') })),
    ...VALIDATION_MEMORY,
  });
  // libxml2 says "validates" only after it has really run the schema; anything else is a failure.
  if (result.valid && !/validates/.test(result.rawOutput)) return [`xmllint did not report a validation: ${result.rawOutput}`];
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

const SITEINDEX_XSD = 'siteindex.xsd';

/** libxml2's errors when validating a sitemap index against sitemaps.org's siteindex.xsd: [] when valid. */
export async function sitemapIndexSchemaErrors(xml: string, fileName = 'sitemap.xml'): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName, contents: xml },
    schema: { fileName: SITEINDEX_XSD, contents: readFileSync(path.join(XSD_DIR, SITEINDEX_XSD), 'utf8') },
    ...VALIDATION_MEMORY,
  });
  if (result.valid && !/validates/.test(result.rawOutput)) return [`xmllint did not report a validation: ${result.rawOutput}`];
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** An element of the parsed tree: attributes under "@name", text under "#text". */
export type XmlNode = { [name: string]: XmlNode | XmlNode[] | string | undefined };

/**
 * The document as a tree. Every element is an array, so one item and many read alike; attribute
 * and element names keep their prefixes and case (xhtml:link, pubDate).
 */
export function parseXml(xml: string): XmlNode {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    alwaysCreateTextNode: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
  }).parse(xml) as XmlNode;
}

/** The child elements called `name` (always a list). */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  return Array.isArray(value) ? value : [];
}

/** The text of the first child element called `name` ('' when there is none). */
export function childText(node: XmlNode | undefined, name: string): string {
  const first = children(node, name)[0];
  const text = first?.['#text'];
  return typeof text === 'string' ? text : '';
}

export function attribute(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** The feed as a maintained feed reader (rss-parser) sees it. */
export function readFeed(xml: string) {
  return new Parser().parseString(xml);
}
