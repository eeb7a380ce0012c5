/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * What every page must hold for a reader (issue 18's acceptance), checked in Chromium: no visible text that
 * reads like a program's identifier, no control without a label, no ARIA reference to a missing id, every
 * error-summary link reaching a field, and at phone width no sideways scrolling except inside a table
 * that says it scrolls.
 */
import type { Page } from 'playwright-core';

/** camelCase words, dotted paths ("timeline.selfAssessment", "flag.ban-noi-chinh"), HTTP status codes. */
const IDENTIFIERS = [/(?<![\p{L}\d])[a-z]+[A-Z][A-Za-z]*(?![\p{L}\d])/u, /(?<![\p{L}\d])[A-Za-z]+(?:\.[A-Za-z][\w-]*)+/u, /HTTP [1-5]\d\d/];
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** The names of files people uploaded are theirs, not the program's: "bao-cao-thanh-tich.pdf". */
const FILE_NAME = /[\p{L}\d_()-]+(?:\.[\p{L}\d_()-]+)*\.(?:pdf|docx|xlsx|jpe?g|png)(?![\p{L}\d])/giu;

/** What a page breaks of the rules above, as sentences (empty when it holds them all). */
export async function pageProblems(page: Page): Promise<string[]> {
  const text = (await page.locator('body').innerText()).replace(EMAIL, '').replace(FILE_NAME, '');
  const problems = IDENTIFIERS.flatMap((pattern) => {
    const match = text.match(pattern);
    return match ? [`visible identifier "${match[0]}" in "${text.slice(Math.max(0, match.index! - 40), match.index! + 40).replace(/\s+/g, ' ')}"`] : [];
  });
  problems.push(
    ...(await page.evaluate(() => {
      const found: string[] = [];
      const describe = (el: Element) => `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}${el.getAttribute('name') ? ` name="${el.getAttribute('name')}"` : ''}>`;
      for (const el of document.querySelectorAll<HTMLElement>('input:not([type=hidden]), select, textarea, button')) {
        const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el.tagName === 'BUTTON' && el.textContent?.trim());
        if (!labelled) found.push(`control without a label: ${describe(el)}`);
      }
      for (const attr of ['aria-labelledby', 'aria-describedby', 'aria-controls', 'for']) {
        for (const el of document.querySelectorAll(`[${attr}]`)) {
          for (const id of (el.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean)) if (!document.getElementById(id)) found.push(`${attr}="${id}" of ${describe(el)} names no element`);
        }
      }
      for (const link of document.querySelectorAll<HTMLAnchorElement>('[role=alert] a[href^="#"]')) {
        const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
        if (!target || !target.matches('input, select, textarea')) found.push(`error-summary link "${link.textContent}" reaches no field (${link.hash})`);
      }
      if (window.innerWidth < 500) {
        if (document.documentElement.scrollWidth > document.documentElement.clientWidth) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px wide at ${document.documentElement.clientWidth} px)`);
        for (const wrap of document.querySelectorAll<HTMLElement>('.table-wrap')) {
          if (wrap.scrollWidth > wrap.clientWidth && !wrap.getAttribute('aria-label')) found.push(`a table scrolls sideways without saying so: ${wrap.innerText.slice(0, 60)}`);
        }
      }
      return found;
    })),
  );
  return problems;
}

/** Checks the page at 1280 px and at 375 px, returning to 1280 px; returns the problems named by width. */
export async function problemsAtBothWidths(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    problems.push(...(await pageProblems(page)).map((p) => `${name} at ${width} px: ${p}`));
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return problems;
}
