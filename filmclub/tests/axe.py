"""axe-core in the browser journeys: the accessibility rules run on the page as a person sees it.

axe-core comes from the npm registry at the version filmclub/tests/axe/package-lock.json pins
(bin/test runs `npm ci` there when its node_modules is missing) and is injected into each page by
the test itself, through the browser's DevTools protocol: nothing is fetched from the network, and
the site's strict Content-Security-Policy stays as it is.
"""

from functools import cache
from pathlib import Path

from filmclub.tests.conftest import skip_without

AXE_JS = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# What fails a journey. Moderate and minor findings are reported in the message, not failed on.
BLOCKING = ("critical", "serious")
IMPACTS = ("critical", "serious", "moderate", "minor")

# No preload: axe would copy the stylesheets' @import-ed sheets into <style> elements of the page,
# which the Content-Security-Policy refuses (a console error); only css-orientation-lock needs them.
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"], preload: false});
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    count: violation.nodes.length,
    targets: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
  }));
}"""


@cache
def axe_source():
    if not AXE_JS.is_file():
        reason = (
            f"axe-core is not installed at {AXE_JS}: run "
            "`npm ci --prefix filmclub/tests/axe` (bin/test does so when npm is there)."
        )
        skip_without(reason, on_ci="CI must run axe in the browser journeys.")
    return AXE_JS.read_text()


def axe_violations(page):
    """axe's violations on the page as it is now: [{id, impact, help, count, targets}]."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(RUN_AXE)


def by_impact(violations):
    """{impact: number of rules failed} with every impact named, for the notes' figures."""
    counts = dict.fromkeys(IMPACTS, 0)
    for violation in violations:
        counts[violation["impact"]] += 1
    return counts


def blocking(violations):
    """The critical and serious violations, one readable line each."""
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) on {v['count']} element(s), e.g. "
        + ", ".join(v["targets"])
        for v in violations
        if v["impact"] in BLOCKING
    ]
