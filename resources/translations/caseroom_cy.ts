<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB">
<context>
    <name></name>
    <message>
        <source>About Caseroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Caseroom {0}&lt;/h2&gt;&lt;p&gt;Multi-agency safeguarding meetings on one screen, with an encrypted local record and signed minutes.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caseroom version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt {0}, PySide6 {1}, Python {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DejaVu fonts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sRGB ICC profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H&amp;elp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Caseroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reference data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a user (a signing identity is made with the account)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset a passphrase with the workspace&apos;s recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trust an organisation&apos;s root certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a user (revokes their certificate, rekeys the database)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed {0}; the database was rekeyed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation root</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate (*.pem *.crt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now trusted: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase set for {0}, with a new signing certificate (the old one is revoked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep until the youngest child is (years)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} timescale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: decision within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSE indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kinds of a child&apos;s consistent identifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save reference data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. New meetings use these lists; the idle lock applies from the next unlock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidentiality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose and confidentiality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review of earlier actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency contributions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What they know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information-sharing decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From → to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The child&apos;s voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joint action plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caseroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong ({0}). What was saved before is safe; the last change may not have been saved. Please tell your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · keep until {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RAG {0} · {1} · allocated to {2} · opened {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People around the child (a person shared with other cases is one record)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (interpreter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also in cases (Enter opens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth (expected date, if unborn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role in this case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact on the child</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to the chronolog&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All agencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter chronology by agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no consistent identifier recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also in cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type of the new meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New meeting (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chronology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;laces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hronology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions across meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ac&amp;tions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RAG history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;RAG history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the family copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is everything the family copy will hold. Struck-out items are withheld from the family, with the reason beside them. Read it as the family will.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After this meeting the family receives an outcome letter: the decisions, the actions not struck out and their contact. Strike out any action whose words could put someone at risk if read at home.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the family will receive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have &amp;checked what the family will receive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;onfirm and continue to signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (or leave empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— none —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One a line, name: one of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New case (Ctrl+Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search references, names, what agencies know, chronology… (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any RAG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by RAG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open and closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any next meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next meeting this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No next meeting set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by next meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by allocated worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Children</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RAG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meetings this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions due and overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meetings today and this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference (e.g. the contact or MASH number):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The child&apos;s name (you can add more people on the case):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the first {0} shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions due this week: {0}, of which overdue: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter or F2 edits the row; Delete removes it; Insert starts a new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New (Insert)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove… (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New entry: Ctrl+Return adds it to the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing: {0} — Ctrl+Return saves, Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {0}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {0} from {1}? It is not kept anywhere else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>G&amp;o</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room s&amp;creen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show on &amp;screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You now sign as {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caseroom — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caseroom — {0} (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the saved meeting (drops what is typed here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen the meeting ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+1…9: go to a step · Ctrl+0: minutes
Ctrl+PgDown / Ctrl+PgUp: next / previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSE screening to be reviewed by {0:%d %b %Y}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial child protection conference due by {0:%d %b %Y}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the RAG rating and the contact time to see when a decision is due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: the decision was due {1:%d %b %H:%M} UTC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} h {1} min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the deadline has passed: record the reason for the delay in the purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: decision due {1:%d %b %H:%M} UTC — {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rule is broken on this page: see the message beside the field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something typed breaks a rule; it is kept on the page and as a draft, not yet in the meeting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the meeting?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the meeting? Its record becomes the draft minutes, ready for signing. It can be reopened until the minutes are signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen the meeting?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen the meeting? It goes back to in progress; the reopening is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen the meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you typed before is back, not yet saved: check it and press Ctrl+S.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How it was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} action(s) carried over from earlier meetings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No actions are carried over from earlier meetings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (needed when not done or not possible)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status reported for: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next meeting opens with the review of every action still open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Professional copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si&amp;gn minutes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign an a&amp;ddendum…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify a PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How (by hand, secure email…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distribution:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed, version {0} ({1}). The meeting is read-only; a correction is a signed addendum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft: not yet approved or signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not build the minutes ({0}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family copy checked. Sign when ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your passphrase, to sign as {0}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The correction, as it will appear in the signed addendum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing both copies…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported ({0}) to {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify a signed PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded: {0} received the {1} copy ({2}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caseroom — room screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room screen content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family view: withheld items hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Professional view: everything shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minutes are being prepared for the chair to sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No actions yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What we are worried about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complicating factors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is working well</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Existing safety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Danger statements and safety goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is worried</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scaling by agency (0–10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dissent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSE screening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parts of the risk assessment (Ctrl+Tab: next)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signs of Safety and RAG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions for {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Danger statements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by your organisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disciplines missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The draft could not be kept: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What they do</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <source>Caseroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for this computer&apos;s keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not unlock: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
