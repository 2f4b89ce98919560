"""The application form on paper (CT-070, CT-072): the same questions as the online journey, read from its forms, so
the two can never drift apart. It is published as an accessible HTML page to print, as a Word document and as a
plain-text file to fill in on any computer; all are generated here, on the server, from the questions themselves."""

from dataclasses import dataclass, field

from django import forms

INCIDENT_COPIES = 3  # CT-052: "at least 3 entries by default"


@dataclass
class Question:
    label: str
    hint: str = ""
    kind: str = "line"  # line, box, choose-one, choose-any, tick, date
    options: list = field(default_factory=list)


@dataclass
class Section:
    title: str
    note: str = ""
    questions: list = field(default_factory=list)
    repeat: int = 1

    @property
    def copies(self):
        return range(1, self.repeat + 1)


def _question(bound_field_name, form_field):
    label = str(form_field.label or bound_field_name)
    hint = str(form_field.help_text or "")
    widget = form_field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return Question(label, hint, "choose-any", [str(text) for value, text in form_field.choices if value != ""])
    if isinstance(widget, forms.RadioSelect):
        return Question(label, hint, "choose-one", [str(text) for value, text in form_field.choices if value != ""])
    if isinstance(form_field, forms.BooleanField):
        return Question(label, hint, "tick")
    if isinstance(widget, forms.Textarea):
        return Question(label, hint, "box")
    return Question(label, hint, "line")


def _questions(form):
    """Each of a form's questions in order; a date's three boxes (day, month, year) become one date question."""
    date_meta = getattr(form, "date_meta", {})
    seen_dates = set()
    out = []
    for name, form_field in form.fields.items():
        date_name = next((d for d in date_meta if name.startswith(f"{d}_")), None)
        if date_name:
            if date_name not in seen_dates:
                seen_dates.add(date_name)
                meta = date_meta[date_name]
                out.append(Question(meta["label"], "Day, month and year", "date"))
            continue
        out.append(_question(name, form_field))
    return out


def sections(steps):
    """The form's sections, in the journey's order. `steps` is the journey's list of question pages."""
    from case_reviews import forms as case_forms
    from case_reviews.models import Application

    out = []
    for step in steps:
        if step.slug == "incidents":
            incident = case_forms.IncidentForm()
            out.append(
                Section(
                    step.title,
                    note="Fill in one part for each incident. If you reported the same incident to more than one "
                    "organisation, list each of them: it still counts as one incident. Add more sheets if you "
                    "need them.",
                    questions=_questions(incident),
                    repeat=INCIDENT_COPIES,
                )
            )
            continue
        if step.slug == "people":
            out.append(
                Section(
                    step.title,
                    note="Only if you are applying for a group, or are one of several people affected. Answer these "
                    "questions for each other person, on a separate sheet if you need one.",
                    questions=_questions(case_forms.AffectedPersonForm()),
                )
            )
            continue
        if step.slug == "evidence":
            out.append(
                Section(
                    step.title,
                    note="Optional. Send copies, never originals, of any diary sheets, letters, photos or other "
                    "evidence with this form. If you are applying for someone else, include their written consent "
                    "if you have it.",
                )
            )
            continue
        if step.form_class is None:
            continue
        form = step.form_class(instance=Application())
        note = ""
        if step.slug == "victim":
            note = "Only if you are applying for someone else, with their agreement."
        elif step.optional:
            note = "Optional."
        out.append(Section(step.title, note=note, questions=_questions(form)))
    return out


def as_text(form_sections, *, contact):
    """The same form as plain text, to fill in on any computer or print (CT-072)."""
    lines = [
        "APPLICATION FOR AN ASB CASE REVIEW (ALSO KNOWN AS THE COMMUNITY TRIGGER)",
        "",
        "Write your answers after each question. If you need help filling this in, contact us and we will help.",
        "This is not a way to report new anti-social behaviour: call 101, or 999 in an emergency.",
        "",
        f"Send it to: {contact}",
        "",
    ]
    number = 0
    for section in form_sections:
        for copy in range(1, section.repeat + 1):
            title = section.title if section.repeat == 1 else f"{section.title}: incident {copy}"
            lines += ["", title.upper(), "-" * len(title)]
            if section.note and copy == 1:
                lines.append(section.note)
            for question in section.questions:
                number += 1
                lines.append("")
                lines.append(f"{number}. {question.label}")
                if question.hint:
                    lines.append(f"   ({question.hint})")
                if question.kind in ("choose-one", "choose-any"):
                    how = "Choose one" if question.kind == "choose-one" else "Choose all that apply"
                    lines.append(f"   {how}: put an X in the box.")
                    lines += [f"   [ ] {option}" for option in question.options]
                elif question.kind == "tick":
                    lines.append("   [ ] Yes")
                elif question.kind == "date":
                    lines.append("   Day:      Month:      Year:")
                else:
                    lines.append("   Answer:")
                    if question.kind == "box":
                        lines += ["", ""]
    lines += ["", "Signed:", "", "Date:", ""]
    return "\n".join(lines)


# The same form as a Word document (CT-072) ---------------------------------------------------------------------------
# Written as Office Open XML by hand: real heading styles (so a screen reader can move by heading), a document title
# and language, and lines to write on. Nothing is fetched at run time.

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FIXED_TIME = (2024, 1, 1, 0, 0, 0)  # the same form gives the same bytes


def _run(text, bold=False):
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{_escape(text)}</w:t></w:r>'


def _escape(text):
    from xml.sax.saxutils import escape

    return escape(str(text))


def _para(text="", style="", bold=False, line=False):
    props = []
    if style:
        props.append(f'<w:pStyle w:val="{style}"/>')
    if line:  # a line to write the answer on
        props.append('<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="505A5F"/></w:pBdr>')
        props.append('<w:spacing w:before="240"/>')
    ppr = f"<w:pPr>{''.join(props)}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{_run(text, bold) if text else ''}</w:p>"


def _docx_body(form_sections, contact):
    out = [
        _para("ASB Case Review application form (also known as the Community Trigger)", "Title"),
        _para(
            "Use this form if you would rather not apply online. Type or write your answers under each question. "
            "If you need help filling it in, contact us and we will help."
        ),
        _para(
            "This is not a way to report new anti-social behaviour: call 101, or 999 in an emergency. We need your "
            "name and a way to contact you: we cannot accept an anonymous application."
        ),
        _para(f"Send it to: {contact}", bold=True),
    ]
    for index, section in enumerate(form_sections, start=1):
        out.append(_para(f"{index}. {section.title}", "Heading1"))
        if section.note:
            out.append(_para(section.note))
        for copy in section.copies:
            if section.repeat > 1:
                out.append(_para(f"Incident {copy}", "Heading2"))
            for question in section.questions:
                out.append(_para(question.label, "Heading3"))
                if question.hint:
                    out.append(_para(question.hint))
                if question.kind in ("choose-one", "choose-any"):
                    how = "Choose one" if question.kind == "choose-one" else "Choose all that apply"
                    out.append(_para(f"{how}: put an X in the box."))
                    out += [_para(f"\u2610 {option}") for option in question.options]
                elif question.kind == "tick":
                    out.append(_para("\u2610 Yes"))
                elif question.kind == "date":
                    out.append(_para("Day:        Month:        Year:", line=True))
                else:
                    out += [_para(line=True)] * (3 if question.kind == "box" else 1)
    out += [_para("Signature", "Heading1"), _para("Signed:", line=True), _para("Date:", line=True)]
    return "".join(out)


_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{_W}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial" w:eastAsia="Arial"/>
<w:sz w:val="24"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/>
<w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:qFormat/>
<w:pPr><w:keepNext/><w:spacing w:before="360"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr>
</w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:qFormat/>
<w:pPr><w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/></w:rPr>
</w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:qFormat/>
<w:pPr><w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr>
</w:style>
</w:styles>"""

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2"
 Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
 Target="docProps/core.xml"/>
</Relationships>"""

_DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
 Target="styles.xml"/>
</Relationships>"""

_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>ASB Case Review application form (also known as the Community Trigger)</dc:title>
<dc:language>en-GB</dc:language>
</cp:coreProperties>"""


def as_docx(form_sections, *, contact):
    """The same form as a Word document (.docx), with heading styles, a title and its language set (CT-072)."""
    import io
    import zipfile

    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'
        f"{_docx_body(form_sections, contact)}"
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="0" w:footer="0" w:gutter="0"/>'
        "</w:sectPr></w:body></w:document>"
    )
    parts = [
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _RELS),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", _DOCUMENT_RELS),
        ("word/styles.xml", _STYLES),
        ("docProps/core.xml", _CORE),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts:
            package.writestr(zipfile.ZipInfo(name, date_time=_FIXED_TIME), text.encode("utf-8"),
                             compress_type=zipfile.ZIP_DEFLATED)  # fmt: skip
    return out.getvalue()
