"""JUnit XML for CI systems: a test suite per derivation, a test case per claim."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from verifier.outcome import RunReport, Status
from verifier.render import counterexample as cx_text

# what XML 1.0 does not allow anywhere (ElementTree writes it as it is): a claim named `sq\uffff` made the whole
# report one a CI system's parser refuses, and a lone surrogate one that cannot be written as UTF-8
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _legal(text: str) -> str:
    """text with each character XML forbids written as its escape (U+FFFF as "\\uffff")."""
    return NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render(report: RunReport) -> str:
    root = ET.Element("testsuites", name="verifier", time=f"{report.seconds:.3f}")
    for derivation, group in groupby(report.results, key=lambda r: r.derivation):
        claims = list(group)
        failures = sum(1 for r in claims if not r.met and r.status is not Status.ERROR)
        errors = sum(1 for r in claims if not r.met and r.status is Status.ERROR)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=derivation,
            tests=str(len(claims)),
            failures=str(failures),
            errors=str(errors),
            time=f"{sum(r.seconds for r in claims):.3f}",
        )
        for r in claims:
            case = ET.SubElement(
                suite, "testcase", classname=f"derivations.{derivation}", name=r.name, time=f"{r.seconds:.3f}"
            )
            rerun = " (re-run after its worker was lost)" if r.key in report.retried else ""
            ET.SubElement(case, "system-out").text = f"{r.verdict}: {r.reason}{rerun}"
            if r.met:
                continue
            tag = "error" if r.status is Status.ERROR else "failure"
            node = ET.SubElement(
                case, tag, message=f"{r.status.value} (expected {r.expect}): {r.reason}"[:500], type=r.status.value
            )
            cx = f"{cx_text.headline(r.counterexample, r)}\n" if r.counterexample else ""
            node.text = f"{cx}replay: {r.replay}"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _legal(ET.tostring(root, encoding="unicode")) + "\n"
