"""JUnit XML for CI systems: a test suite per derivation, a test case per claim."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from verifier.outcome import RunReport, Status
from verifier.render import counterexample as cx_text


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
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
