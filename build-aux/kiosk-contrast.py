#!/usr/bin/env python3
# build-aux/kiosk-contrast.py — checks the colour pairs that ui/kiosk/kiosk.css
# lists in its header ("contrast: #fg on #bg RATIO what"): recomputes each
# WCAG 2 contrast ratio, fails when the written ratio is wrong or when it is
# below 4.5:1 (3:1 for lines marked "non-text").
#
#   build-aux/kiosk-contrast.py [ui/kiosk/kiosk.css]
import re
import sys


def luminance(colour):
    colour = colour.lstrip("#")
    channels = [int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "ui/kiosk/kiosk.css"
    pattern = re.compile(r"contrast:\s*(#[0-9a-fA-F]{6}) on (#[0-9a-fA-F]{6}) ([0-9.]+) (.*)")
    failures = 0
    count = 0
    for line in open(path, encoding="utf-8"):
        match = pattern.search(line)
        if not match:
            continue
        fg, bg, written, what = match.groups()
        actual = ratio(fg, bg)
        minimum = 3.0 if "non-text" in what else 4.5
        count += 1
        ok = abs(actual - float(written)) < 0.01 and actual >= minimum
        print(f"{'ok' if ok else 'not ok'} {count} - {fg} on {bg}: {actual:.2f}:1 (written {written}, at least {minimum}) {what.strip()}")
        failures += 0 if ok else 1
    if count == 0:
        print(f"not ok 1 - no contrast lines in {path}")
        print("1..1")
        return 1
    print(f"1..{count}")
    print(f"# {count} pairs, {failures} failing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
