# How docs/pdf-review/*.png were made: the demo PDFs rendered before these changes (in /tmp/b, from
# e10bdad) and after (in /tmp/a), each finding's pages side by side. Run with the PDFs in place.
import subprocess

import pypdf

B, A = "/tmp/b", "/tmp/a"


def pages(pdf, *needles):
    r = pypdf.PdfReader(pdf)
    return [i for i, p in enumerate(r.pages, 1) if all(n in p.extract_text().replace("\n", " ") for n in needles)]


def png(pdf, page, out, res=60):
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(res), "-f", str(page), "-l", str(page), "-singlefile", pdf, out], check=True
    )
    return out + ".png"


def sheet(name, before, after, title_b="before", title_a="after"):
    cmd = [
        "montage",
        "-label",
        "%t",
        *before,
        *after,
        "-tile",
        f"{len(before) + len(after)}x1",
        "-geometry",
        "+6+6",
        "-background",
        "#dddddd",
        f"/tmp/img/{name}.png",
    ]
    subprocess.run(cmd, check=True)


# 1 continued table: the margin table and the page it goes on to
b = pages(f"{B}/p2-en.pdf", "Contribution margin by region")[0]
a = pages(f"{A}/n2-en.pdf", "(continued)", "margin")[0]
sheet(
    "pdf-1-continued-table",
    [png(f"{B}/p2-en.pdf", b, "b1a"), png(f"{B}/p2-en.pdf", b + 1, "b1b")],
    [png(f"{A}/n2-en.pdf", a - 1, "a1a"), png(f"{A}/n2-en.pdf", a, "a1b")],
)
# 2 column widths: the stakeholder table (English: 1.5 pages before), Chinese names
b = pages(f"{B}/p2-en.pdf", "Laura Zheng", "Reports to")
a = pages(f"{A}/n2-en.pdf", "Laura Zheng", "Chief Financial")
sheet(
    "pdf-2-column-widths-en",
    [png(f"{B}/p2-en.pdf", p, f"b2{i}") for i, p in enumerate(b)],
    [png(f"{A}/n2-en.pdf", p, f"a2{i}") for i, p in enumerate(a[-1:])],
)
b = pages(f"{B}/p3-zh_CN.pdf", "我方关系")
a = pages(f"{A}/n3-zh_CN.pdf", "我方关系负责人")
sheet(
    "pdf-2-column-widths-zh",
    [png(f"{B}/p3-zh_CN.pdf", p, f"b2z{i}") for i, p in enumerate(b[:2])],
    [png(f"{A}/n3-zh_CN.pdf", p, f"a2z{i}") for i, p in enumerate(a[:2])],
)
# 3 draft or approved: the signed-off bank plan's cover and sign-off; the 10 % draft's cover
sheet(
    "pdf-3-approved",
    [png(f"{B}/p1-en.pdf", 1, "b3a"), png(f"{B}/p1-en.pdf", 2, "b3b")],
    [png(f"{A}/n1-en.pdf", 1, "a3a"), png(f"{A}/n1-en.pdf", 2, "a3b")],
)
sheet(
    "pdf-3-draft",
    [png(f"{B}/p4-zh_CN.pdf", 1, "b3c"), png(f"{B}/p4-zh_CN.pdf", 2, "b3d")],
    [png(f"{A}/n4-zh_CN.pdf", 1, "a3c"), png(f"{A}/n4-zh_CN.pdf", 2, "a3d")],
)
# 4 near-empty pages: the 10 % draft, every page
nb = len(pypdf.PdfReader(f"{B}/p4-zh_CN.pdf").pages)
na = len(pypdf.PdfReader(f"{A}/n4-zh_CN.pdf").pages)
subprocess.run(
    [
        "montage",
        *[png(f"{B}/p4-zh_CN.pdf", p, f"b4{p:02d}", 30) for p in range(1, nb + 1)],
        "-tile",
        "12x1",
        "-geometry",
        "+3+3",
        "/tmp/img/pdf-4-near-empty-before.png",
    ],
    check=True,
)
subprocess.run(
    [
        "montage",
        *[png(f"{A}/n4-zh_CN.pdf", p, f"a4{p:02d}", 30) for p in range(1, na + 1)],
        "-tile",
        "12x1",
        "-geometry",
        "+3+3",
        "/tmp/img/pdf-4-near-empty-after.png",
    ],
    check=True,
)
# 5 units in English: the forecast page
b = pages(f"{B}/p2-en.pdf", "Revenue by region and platform")[0]
a = pages(f"{A}/n2-en.pdf", "Revenue by region and platform")[0]
sheet("pdf-5-units-en", [png(f"{B}/p2-en.pdf", b, "b5")], [png(f"{A}/n2-en.pdf", a, "a5")])
# the customer version: cover and the stakeholder page
c = pages(f"{A}/c2-en.pdf", "Organisation")
sheet(
    "pdf-customer-en",
    [png(f"{A}/c2-en.pdf", 1, "c1"), png(f"{A}/c2-en.pdf", 2, "c2")],
    [png(f"{A}/c2-en.pdf", p, f"c3{i}") for i, p in enumerate(c[:2])],
)
