"""Glossary files as tools write them, written at test time: OmegaT's tab-separated glossary,
a spreadsheet's CSV, TBX-Basic (ISO 30042:2008) and TBX v3 (ISO 30042:2019, DCA and DCT)."""

from __future__ import annotations

from pathlib import Path

OMEGAT = (
    "# OmegaT glossary: source, target, comment\n"
    "allianse\talliance\tNATO, not a treaty\n"
    "toppmøte\tsummit\n"
    "toppmøte\tsummit meeting\t\n"
    "\n"
    "Stoltenberg\tStoltenberg\tthe Secretary General\n"
)

CSV = (
    "Norwegian,English,Comment\n"
    'allianse,alliance,"NATO, the alliance"\n'
    '"forsvar, nasjonalt",national defence,\n'
    "toppmøte,,no English: skipped\n"
)

TBX_BASIC = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en">
 <martifHeader><fileDesc><sourceDesc><p>Written by tolk's tests</p></sourceDesc></fileDesc>
 </martifHeader>
 <text><body>
  <termEntry id="c1">
   <descrip type="subjectField">defence</descrip>
   <langSet xml:lang="nb">
    <tig><term>allianse</term><termNote type="partOfSpeech">noun</termNote></tig>
    <tig><term>forsvarsallianse</term></tig>
   </langSet>
   <langSet xml:lang="en-GB">
    <tig><term>alliance</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>pact</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
   </langSet>
  </termEntry>
  <termEntry id="c2">
   <langSet xml:lang="no"><ntig><termGrp><term>statsminister</term></termGrp></ntig></langSet>
   <langSet xml:lang="en"><ntig><termGrp><term>prime <hi>minister</hi></term></termGrp></ntig>
   </langSet>
  </termEntry>
  <termEntry id="c3">
   <langSet xml:lang="de"><tig><term>Gipfel</term></tig></langSet>
   <langSet xml:lang="en"><tig><term>summit</term></tig></langSet>
  </termEntry>
 </body></text>
</martif>
"""

TBX_V3_DCA = """<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="TBX-Core.rng" type="application/xml"
            schematypens="http://relaxng.org/ns/structure/1.0"?>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <tbxHeader><fileDesc><sourceDesc><p>Written by tolk's tests</p></sourceDesc></fileDesc>
 </tbxHeader>
 <text><body>
  <conceptEntry id="c1">
   <langSec xml:lang="nb-NO"><termSec><term>toppmøte</term></termSec></langSec>
   <langSec xml:lang="en"><termSec><term>summit</term></termSec>
    <termSec><term>top meeting</term>
     <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
   </langSec>
  </conceptEntry>
 </body></text>
</tbx>
"""

TBX_V3_DCT = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
     xmlns:basic="http://www.tbxinfo.net/ns/basic">
 <tbxHeader><fileDesc><sourceDesc><p>Written by tolk's tests</p></sourceDesc></fileDesc>
 </tbxHeader>
 <text><body>
  <conceptEntry id="c1">
   <langSec xml:lang="nb"><termSec><term>regjering</term></termSec></langSec>
   <langSec xml:lang="en">
    <termSec><term>government</term>
     <basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus></termSec>
    <termSec><term>regime</term>
     <basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></termSec>
   </langSec>
  </conceptEntry>
 </body></text>
</tbx>
"""


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """`text` written to `path` (its folder made), as an editor would save it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def tbx_entries(count: int, start: int = 0) -> str:
    """`count` TBX-Basic concept entries, numbered from `start`."""
    return "".join(
        f'<termEntry id="e{n}"><langSet xml:lang="nb"><tig><term>ord{n}</term></tig></langSet>'
        f'<langSet xml:lang="en"><tig><term>word{n}</term></tig></langSet></termEntry>\n'
        for n in range(start, start + count)
    )


TBX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="en">'
    "<martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>"
    "<text><body>\n"
)
TBX_TAIL = "</body></text></martif>\n"
