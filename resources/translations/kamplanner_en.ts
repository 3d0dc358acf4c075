<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CyclePanel</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n thing(s) are still open:</source>
        <translation>
            <numerusform>One thing is still open:</numerusform>
            <numerusform>%n things are still open:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) from %2 to %3</source>
        <translation>
            <numerusform>%n change from %2 to %3</numerusform>
            <numerusform>%n changes from %2 to %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left in the development window.</source>
        <translation>
            <numerusform>%n day left in the development window.</numerusform>
            <numerusform>%n days left in the development window.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The development window ended %n day(s) ago.</source>
        <translation>
            <numerusform>The development window ended %n day ago.</numerusform>
            <numerusform>The development window ended %n days ago.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n review comment(s) from PDFs not resolved yet</source>
        <translation>
            <numerusform>%n review comment from PDFs not resolved yet</numerusform>
            <numerusform>%n review comments from PDFs not resolved yet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 → %3 after %n contact(s)</source>
        <translation>
            <numerusform>%1: %2 → %3 after %n contact</numerusform>
            <numerusform>%1: %2 → %3 after %n contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) since the last review, the last on %1</source>
        <translation>
            <numerusform>%n contact since the last review, the last on %1</numerusform>
            <numerusform>%n contacts since the last review, the last on %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ForecastGrid</name>
    <message numerus="yes">
        <source>%n row(s) fall outside the plan&apos;s five years; see the Rows tab.</source>
        <translation>
            <numerusform>%n row falls outside the plan&apos;s five years; see the Rows tab.</numerusform>
            <numerusform>%n rows fall outside the plan&apos;s five years; see the Rows tab.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n of your edits changed what someone else changed at the same time. The other version is in the plan now; yours are below (Show Details). Use yours instead?</source>
        <translation>
            <numerusform>%n of your edits changed what someone else changed at the same time. The other version is in the plan now; yours is below (Show Details). Use yours instead?</numerusform>
            <numerusform>%n of your edits changed what someone else changed at the same time. The other version is in the plan now; yours are below (Show Details). Use yours instead?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n review comment(s) read from %1.</source>
        <translation>
            <numerusform>%n review comment read from %1.</numerusform>
            <numerusform>%n review comments read from %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n PDF(s).</source>
        <translation>
            <numerusform>Exported %n PDF.</numerusform>
            <numerusform>Exported %n PDFs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⇅ %n plan(s) not synced</source>
        <translation>
            <numerusform>⇅ %n plan not synced</numerusform>
            <numerusform>⇅ %n plans not synced</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MoneyUnit</name>
    <message numerus="yes">
        <source>The %n figure(s) stay as they are; they are read as %1 from now on.</source>
        <translation>
            <numerusform>The %n figure stays as it is; it is read as %1 from now on.</numerusform>
            <numerusform>The %n figures stay as they are; they are read as %1 from now on.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n figure(s) are converted: %1 becomes %2.</source>
        <translation>
            <numerusform>%n figure is converted: %1 becomes %2.</numerusform>
            <numerusform>%n figures are converted: %1 becomes %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message numerus="yes">
        <source>%n empty</source>
        <translation>
            <numerusform>%n empty</numerusform>
            <numerusform>%n empty</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message numerus="yes">
        <source>%1 · %n page(s)</source>
        <translation>
            <numerusform>%1 · %n page</numerusform>
            <numerusform>%1 · %n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanDocument</name>
    <message numerus="yes">
        <source>%n of your latest edits changed what was also changed there; the other version was kept and yours is shown so you can apply it again.</source>
        <translation>
            <numerusform>%n of your latest edits changed what was also changed there; the other version was kept and yours is shown so you can apply it again.</numerusform>
            <numerusform>%n of your latest edits changed what was also changed there; the other versions were kept and yours are shown so you can apply them again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your latest edits no longer fitted and were dropped.</source>
        <translation>
            <numerusform>%n of your latest edits no longer fitted and was dropped.</numerusform>
            <numerusform>%n of your latest edits no longer fitted and were dropped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message numerus="yes">
        <source>Remove %n row(s)</source>
        <translation>
            <numerusform>Remove %n row</numerusform>
            <numerusform>Remove %n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) removed from %1. Undo (Ctrl+Z) brings them back.</source>
        <translation>
            <numerusform>One row removed from %1. Undo (Ctrl+Z) brings it back.</numerusform>
            <numerusform>%n rows removed from %1. Undo (Ctrl+Z) brings them back.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbook</name>
    <message numerus="yes">
        <source>Importing %1 makes %n change(s) to the plan:</source>
        <translation>
            <numerusform>Importing %1 makes %n change to the plan:</numerusform>
            <numerusform>Importing %1 makes %n changes to the plan:</numerusform>
        </translation>
    </message>
</context>
</TS>
