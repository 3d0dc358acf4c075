<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Charts</name>
    <message>
        <source>qualified %1</source>
        <translation>资格评分 %1</translation>
    </message>
    <message>
        <source>No opportunities with a value and a probability yet</source>
        <translation>还没有同时填写价值和成功概率的机会</translation>
    </message>
    <message>
        <source>No decision makers yet</source>
        <translation>还没有关键决策者</translation>
    </message>
    <message>
        <source>attitude since the last review</source>
        <translation>与上次审查相比的态度变化</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Log a Contact — %1</source>
        <translation>记录客户交往 — %1</translation>
    </message>
    <message>
        <source>names, apart by commas</source>
        <translation>姓名，用逗号分隔</translation>
    </message>
    <message>
        <source>our team, apart by commas</source>
        <translation>我方人员，用逗号分隔</translation>
    </message>
    <message>
        <source>set beforehand: what this contact is for</source>
        <translation>事先确定：这次交往的目的</translation>
    </message>
    <message>
        <source>by</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Their people:</source>
        <translation>客户人员(&amp;T)：</translation>
    </message>
    <message>
        <source>O&amp;ur people:</source>
        <translation>我方人员(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation>目的(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>结果(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Next step:</source>
        <translation>下一步(&amp;N)：</translation>
    </message>
    <message>
        <source>Add to the Log</source>
        <translation>加入记录</translation>
    </message>
    <message>
        <source>No contact logged yet.</source>
        <translation>尚无交往记录。</translation>
    </message>
    <message>
        <source>Last contact: %1 (%2 days ago)</source>
        <translation>上次交往：%1（%2 天前）</translation>
    </message>
    <message>
        <source>Contacts per quarter: %1</source>
        <translation>每季度交往次数：%1</translation>
    </message>
    <message>
        <source>⚠ A key decision maker not seen for more than %1 days (the tier&apos;s rule).</source>
        <translation>⚠ 关键决策者已超过 %1 天未见面（按客户分级的规定）。</translation>
    </message>
    <message>
        <source>Log contact</source>
        <translation>记录交往</translation>
    </message>
    <message>
        <source>Open a plan to log a contact in.</source>
        <translation>请先打开一个计划再记录交往。</translation>
    </message>
    <message>
        <source>Contact added to the log.</source>
        <translation>已加入交往记录。</translation>
    </message>
</context>
<context>
    <name>CyclePanel</name>
    <message>
        <source>Planning cycle</source>
        <translation>规划周期</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Review of %1: %2, score %3/5</source>
        <translation>%1 的审阅：%2，评分 %3/5</translation>
    </message>
    <message>
        <source>Signed off: %1</source>
        <translation>已签批：%1</translation>
    </message>
    <message>
        <source>1 Preparation</source>
        <translation>1 规划和准备</translation>
    </message>
    <message>
        <source>2 Development</source>
        <translation>2 制定计划</translation>
    </message>
    <message>
        <source>3 Review</source>
        <translation>3 审查和调整</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>4 Monitoring</source>
        <translation>4 实施和监督</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Submit anyway</source>
        <translation>仍然提交</translation>
    </message>
    <message>
        <source>Senior manager&apos;s expectations</source>
        <translation>高级经理的期望</translation>
    </message>
    <message>
        <source>Guidelines for the year</source>
        <translation>本年度规划指引</translation>
    </message>
    <message>
        <source> weeks</source>
        <translation> 周</translation>
    </message>
    <message>
        <source>The senior manager reviews this plan in person</source>
        <translation>由高级经理亲自审查本计划</translation>
    </message>
    <message>
        <source>Expectations:</source>
        <translation>期望：</translation>
    </message>
    <message>
        <source>Guidelines:</source>
        <translation>指引：</translation>
    </message>
    <message>
        <source>Development starts:</source>
        <translation>开始制定：</translation>
    </message>
    <message>
        <source>Development window:</source>
        <translation>制定周期：</translation>
    </message>
    <message>
        <source>Review date:</source>
        <translation>审查日期：</translation>
    </message>
    <message>
        <source>%v of %m steps</source>
        <translation>已完成 %v / %m 步</translation>
    </message>
    <message>
        <source>Development steps</source>
        <translation>制定计划的步骤</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left in the development window.</source>
        <translation>
            <numerusform>开发窗口还剩 %n 天。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The development window ended %n day(s) ago.</source>
        <translation>
            <numerusform>开发窗口已于 %n 天前结束。</numerusform>
        </translation>
    </message>
    <message>
        <source>Review questions</source>
        <translation>审查问题</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>No review comments yet. When a reviewer sends the plan&apos;s PDF back with notes made in their PDF reader, drop it on the window (or File ▸ Import) to read them in.</source>
        <translation>还没有审阅评论。审阅人在自己的 PDF 阅读器里批注后把规划 PDF 发回来时，把它拖到窗口上（或用“文件 ▸ 导入”）即可读入评论。</translation>
    </message>
    <message>
        <source>Review comments</source>
        <translation>审阅评论</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>审阅人</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>你的答复</translation>
    </message>
    <message>
        <source>What you did about it</source>
        <translation>你对此做了什么</translation>
    </message>
    <message>
        <source>Save Answer</source>
        <translation>保存答复</translation>
    </message>
    <message>
        <source>Mark Resolved</source>
        <translation>标为已解决</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Show in Plan</source>
        <translation>在规划中显示</translation>
    </message>
    <message>
        <source>%1 on page %2, %3:</source>
        <translation>%1，第 %2 页，%3：</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审查人</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Overall score</source>
        <translation>总体评分</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>总结</translation>
    </message>
    <message>
        <source>Overall comments: what must change, what is good</source>
        <translation>总体意见：哪些必须修改，哪些做得好</translation>
    </message>
    <message>
        <source>Score (1–5):</source>
        <translation>评分（1–5）：</translation>
    </message>
    <message>
        <source>Request changes</source>
        <translation>要求修改</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Sign off this version</source>
        <translation>签署此版本</translation>
    </message>
    <message>
        <source>Send for Review (PDF)…</source>
        <translation>发送审阅（PDF）…</translation>
    </message>
    <message>
        <source>Submit this version (if it is not under review yet) and write the reviewer&apos;s PDF: it says so on its cover and has an empty signature field. Comments made on it in any PDF reader come back when the PDF is dropped on the window.</source>
        <translation>提交此版本（如尚未在审阅中）并生成给审阅人的 PDF：封面注明已提交审阅，并带有空白签名栏。审阅人在任何 PDF 阅读器里所做的批注，把 PDF 拖回窗口即可读入。</translation>
    </message>
    <message>
        <source>Show Comments</source>
        <translation>查看评论</translation>
    </message>
    <message>
        <source>Reviews and sign-offs:</source>
        <translation>审查和签署记录：</translation>
    </message>
    <message numerus="yes">
        <source>%n review comment(s) from PDFs not resolved yet</source>
        <translation>
            <numerusform>来自 PDF 的审阅评论中有 %n 条尚未解决</numerusform>
        </translation>
    </message>
    <message>
        <source>Approve anyway</source>
        <translation>仍然批准</translation>
    </message>
    <message>
        <source>Send for Review</source>
        <translation>发送审阅</translation>
    </message>
    <message>
        <source>The plan is under review, but its PDF could not be written to %1: %2</source>
        <translation>规划已进入审阅，但其 PDF 无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 is under review. The reviewer&apos;s PDF is written:</source>
        <translation>%1 已进入审阅。给审阅人的 PDF 已生成：</translation>
    </message>
    <message>
        <source>Sent for review</source>
        <translation>已发送审阅</translation>
    </message>
    <message>
        <source>Sign off %1 of %2 %3 as %4?</source>
        <translation>以 %4 的名义签批 %2 %3 年计划的%1？</translation>
    </message>
    <message>
        <source>%1 is signed off. Its PDF is written:</source>
        <translation>%1已签批。其 PDF 已写入：</translation>
    </message>
    <message>
        <source>Sign off</source>
        <translation>签署</translation>
    </message>
    <message>
        <source>The signed version is kept as it is; later edits make a new version. Its PDF is written to %1.</source>
        <translation>签署的版本保持不变；之后的修改会形成新版本。其 PDF 写入 %1。</translation>
    </message>
    <message>
        <source>Signed off, but its PDF could not be written to %1: %2</source>
        <translation>已签署，但其 PDF 无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Signed off</source>
        <translation>已签署</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Action items due</source>
        <translation>到期的行动项</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Record progress review…</source>
        <translation>记录进展审查…</translation>
    </message>
    <message>
        <source>Due in the next 30 days, and overdue:</source>
        <translation>30 天内到期及已逾期：</translation>
    </message>
    <message>
        <source>Progress reviews:</source>
        <translation>进展审查：</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 → %3 after %n contact(s)</source>
        <translation>
            <numerusform>%1：%2 → %3，其间交往 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>no contact since the last review</source>
        <translation>上次审查以来没有交往</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) since the last review, the last on %1</source>
        <translation>
            <numerusform>上次审查以来交往 %n 次，最近一次 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>since the last signed-off version</source>
        <translation>与上次签署的版本相比</translation>
    </message>
    <message>
        <source>since last year&apos;s plan</source>
        <translation>与去年的计划相比</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) from %2 to %3</source>
        <translation>
            <numerusform>从 %2 到 %3 共 %n 处变更</numerusform>
        </translation>
    </message>
    <message>
        <source>Start plan development</source>
        <translation>开始制定计划</translation>
    </message>
    <message>
        <source>Submit for senior review</source>
        <translation>提交高级经理审查</translation>
    </message>
    <message>
        <source>Start implementation and monitoring</source>
        <translation>开始实施和监督</translation>
    </message>
    <message>
        <source>Roll forward to next year…</source>
        <translation>滚动到下一年…</translation>
    </message>
    <message>
        <source>Progress review</source>
        <translation>进展审查</translation>
    </message>
    <message>
        <source>Timetable complete; development ends %1.</source>
        <translation>时间表已定；制定计划于 %1 结束。</translation>
    </message>
    <message>
        <source>No development window set yet (see Preparation).</source>
        <translation>尚未设定制定周期（见“规划和准备”）。</translation>
    </message>
    <message>
        <source>every quarter</source>
        <translation>每季度</translation>
    </message>
    <message>
        <source>once a year</source>
        <translation>每年一次</translation>
    </message>
    <message>
        <source>in the yearly collective review</source>
        <translation>在年度集体审查中</translation>
    </message>
    <message>
        <source>Next progress review: %1 (%2 account: reviewed %3)</source>
        <translation>下次进展审查：%1（%2：%3审查）</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>This plan has no signed-off version yet.</source>
        <translation>本计划还没有签署过的版本。</translation>
    </message>
    <message>
        <source>There is no plan for the year before.</source>
        <translation>没有上一年的计划。</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>尚不能执行</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>无法执行</translation>
    </message>
    <message>
        <source>Roll forward</source>
        <translation>滚动到下一年</translation>
    </message>
    <message>
        <source>Start the %1 plan for %2 from this one? This plan stays as it is.</source>
        <translation>以本计划为基础开始 %2 的 %1 年计划？本计划保持不变。</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Reviewer:</source>
        <translation>审查人：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Stakeholders&apos; attitude now</source>
        <translation>关键决策者目前的态度</translation>
    </message>
    <message>
        <source>Actuals to date</source>
        <translation>迄今实际值</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>……另有 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>尚未完成</translation>
    </message>
    <message>
        <source>This must be done first:</source>
        <translation>须先完成此项：</translation>
    </message>
    <message>
        <source>These must be done first:</source>
        <translation>须先完成这些：</translation>
    </message>
    <message>
        <source>Also open:</source>
        <translation>另有未完成：</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>返回</translation>
    </message>
    <message numerus="yes">
        <source>%n thing(s) are still open:</source>
        <translation>
            <numerusform>还有 %n 项未完成：</numerusform>
        </translation>
    </message>
    <message>
        <source>Go on regardless, or go back and finish them first?</source>
        <translation>仍然继续，还是返回先完成它们？</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>development ends</source>
        <translation>计划制定截止</translation>
    </message>
    <message>
        <source>senior review</source>
        <translation>高级经理审查</translation>
    </message>
    <message>
        <source>progress review</source>
        <translation>进展审查</translation>
    </message>
    <message>
        <source>collective review</source>
        <translation>集体审查</translation>
    </message>
    <message>
        <source>6-monthly report</source>
        <translation>半年报告</translation>
    </message>
    <message>
        <source>action item</source>
        <translation>行动项</translation>
    </message>
    <message>
        <source>milestone ◆</source>
        <translation>里程碑 ◆</translation>
    </message>
    <message>
        <source>next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Portfolio dashboard</source>
        <translation>客户组合概览</translation>
    </message>
    <message>
        <source>Reviews due this month</source>
        <translation>本月到期的审查</translation>
    </message>
    <message>
        <source>Overdue items</source>
        <translation>逾期事项</translation>
    </message>
    <message>
        <source>Coming up (45 days)</source>
        <translation>即将到来（45 天内）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reviews due this month&lt;/b&gt;</source>
        <translation>&lt;b&gt;本月到期的审查&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Overdue items&lt;/b&gt;</source>
        <translation>&lt;b&gt;逾期事项&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Coming up (45 days)&lt;/b&gt;</source>
        <translation>&lt;b&gt;即将到来（45 天内）&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export review dates (.ics)…</source>
        <translation>导出审查日期（.ics）…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Portfolio on %1</source>
        <translation>%1 的客户组合</translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation>暂无。</translation>
    </message>
    <message>
        <source>Export review dates</source>
        <translation>导出审查日期</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>日历文件 (*.ics)</translation>
    </message>
</context>
<context>
    <name>DeckExport</name>
    <message>
        <source>Slides for the review meeting (*.pptx)</source>
        <translation>审查会议幻灯片 (*.pptx)</translation>
    </message>
    <message>
        <source>Slides, customer version (*.pptx)</source>
        <translation>幻灯片，客户版本 (*.pptx)</translation>
    </message>
    <message>
        <source>Export Slides</source>
        <translation>导出幻灯片</translation>
    </message>
    <message>
        <source>Making the slides of %1…</source>
        <translation>正在生成%1的幻灯片…</translation>
    </message>
    <message>
        <source>Could not make the slides: %1</source>
        <translation>无法生成幻灯片：%1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported %1.</source>
        <translation>已导出 %1。</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>New Account</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Add Account</source>
        <translation>添加客户</translation>
    </message>
    <message>
        <source>New Plan</source>
        <translation>新建计划</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>The plan starts empty in the planning and preparation phase.</source>
        <translation>新计划是空的，从“规划和准备”阶段开始。</translation>
    </message>
    <message>
        <source>Create Plan</source>
        <translation>创建计划</translation>
    </message>
    <message>
        <source>Add an account first (File ▸ New Account…).</source>
        <translation>请先添加客户（文件 ▸ 新建客户…）。</translation>
    </message>
    <message>
        <source>This account already has a plan for %1.</source>
        <translation>该客户已有 %1 年的计划。</translation>
    </message>
    <message>
        <source>Duplicate Plan</source>
        <translation>复制计划</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>The name your changes are recorded under; empty: your user name on this computer.</source>
        <translation>记录您所做更改时使用的姓名；留空则使用您在本机的用户名。</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Senior manager</source>
        <translation>高级经理</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>偏好设置</translation>
    </message>
    <message>
        <source>Copy %1 to a new plan for the same account; the copy starts as a draft of version 1.</source>
        <translation>把 %1 复制为同一客户的新计划；副本从第 1 版草稿开始。</translation>
    </message>
    <message>
        <source>Save as Version</source>
        <translation>另存为版本</translation>
    </message>
    <message>
        <source>Save %1 as it is now as %2. Autosaves go on as before; the version stays as it is, and its number and fingerprint go on its PDF.</source>
        <translation>把 %1 的当前内容另存为%2。自动保存照常进行；这个版本保持不变，其版本号和指纹印在 PDF 上。</translation>
    </message>
    <message>
        <source>What this version is for, e.g. sent to the customer</source>
        <translation>这个版本的用途，例如：发给客户</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Save Version</source>
        <translation>保存版本</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Author name</source>
        <translation>作者姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>In use now: %1</source>
        <translation>当前使用：%1</translation>
    </message>
    <message>
        <source>Keep backups for</source>
        <translation>备份保留</translation>
    </message>
    <message>
        <source>A backup of the database is made beside it before every upgrade and at most hourly after changes; those of the last days are kept (and always the newest three).</source>
        <translation>每次升级前以及有改动后（至多每小时一次）会在数据库旁边做一份备份；保留最近这些天的备份（最新的三份总会保留）。</translation>
    </message>
    <message>
        <source>Trusted root certificates</source>
        <translation>受信任的根证书</translation>
    </message>
    <message>
        <source>A folder of your organisation&apos;s CA certificates</source>
        <translation>存放贵单位 CA 证书的文件夹</translation>
    </message>
    <message>
        <source>A reviewer&apos;s signature on a review copy is verified only when their certificate chains to one of the certificates (*.pem, *.crt, *.cer, *.der) in this folder; otherwise it is shown as not verified.</source>
        <translation>审阅人在审阅副本上的签名，只有当其证书链到此文件夹中的某个证书（*.pem、*.crt、*.cer、*.der）时才算经过验证；否则显示为未经验证。</translation>
    </message>
    <message>
        <source>Leave the database empty for the usual place. A new file starts with the demo portfolio. The --db option and the KAMPLANNER_DB variable take precedence.</source>
        <translation>数据库留空即使用默认位置。新文件会带有示例客户组合。命令行选项 --db 和环境变量 KAMPLANNER_DB 优先。</translation>
    </message>
    <message>
        <source>kamplanner database (*.db);;All files (*)</source>
        <translation>kamplanner 数据库 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>ForecastGrid</name>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Forecast %1</source>
        <translation>预测 %1</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>重命名 %1</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <source>By</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>Add a forecast line</source>
        <translation>添加预测行</translation>
    </message>
    <message>
        <source>Give both a region and a platform.</source>
        <translation>请同时填写区域和平台。</translation>
    </message>
    <message>
        <source>Figure shown in the grid</source>
        <translation>表格中显示的数字</translation>
    </message>
    <message>
        <source>Forecast grid</source>
        <translation>预测表</translation>
    </message>
    <message>
        <source>Totals by region and by platform</source>
        <translation>按区域和平台合计</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Add line…</source>
        <translation>添加行…</translation>
    </message>
    <message>
        <source>Add a region and platform line</source>
        <translation>添加一个区域和平台的行</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Remove the current line and its figures</source>
        <translation>删除当前行及其数字</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>明细行</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>单位：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) fall outside the plan&apos;s five years; see the Rows tab.</source>
        <translation>
            <numerusform>有 %n 行不在计划的五年之内，请查看“明细行”。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Row added</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Row removed</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Row moved</source>
        <translation>移动行</translation>
    </message>
    <message>
        <source>Plan started</source>
        <translation>新建计划</translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation>准备</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Phase moved</source>
        <translation>阶段变更</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审查</translation>
    </message>
    <message>
        <source>Review comments</source>
        <translation>审查意见</translation>
    </message>
    <message>
        <source>Signed off</source>
        <translation>签批</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Progress review</source>
        <translation>进展审查</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Rolled forward</source>
        <translation>滚动到下一年</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Brought back</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>History — %1</source>
        <translation>修改历史——%1</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>&amp;Section:</source>
        <translation>部分(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>人员(&amp;P)：</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>&amp;Restore Earlier Value</source>
        <translation>恢复原来的值(&amp;R)</translation>
    </message>
    <message>
        <source>Put back the value this change replaced, as a new edit (Undo takes it back).</source>
        <translation>把这次修改替换掉的值作为一次新的修改放回去（可以撤销）。</translation>
    </message>
    <message>
        <source>All sections</source>
        <translation>全部部分</translation>
    </message>
    <message>
        <source>Account facts</source>
        <translation>客户信息</translation>
    </message>
    <message>
        <source>Planning cycle</source>
        <translation>计划周期</translation>
    </message>
    <message>
        <source>Everybody</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>%1 of %2 changes</source>
        <translation>%1 / %2 条修改</translation>
    </message>
    <message>
        <source>Restore %1</source>
        <translation>恢复 %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Opening the portfolio…</source>
        <translation>正在打开客户组合…</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>客户组合</translation>
    </message>
    <message>
        <source>PDF Preview</source>
        <translation>PDF 预览</translation>
    </message>
    <message>
        <source>Planning Cycle</source>
        <translation>规划周期</translation>
    </message>
    <message>
        <source>Portfolio Dashboard</source>
        <translation>客户组合概览</translation>
    </message>
    <message>
        <source>Show the planning cycle (Ctrl+Shift+C)</source>
        <translation>显示规划周期（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Completeness</source>
        <translation>完成度</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Saved state</source>
        <translation>保存状态</translation>
    </message>
    <message>
        <source>New &amp;Account…</source>
        <translation>新建客户(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;New Plan…</source>
        <translation>新建计划(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Duplicate Plan…</source>
        <translation>复制计划(&amp;D)…</translation>
    </message>
    <message>
        <source>De&amp;lete Plan…</source>
        <translation>删除计划(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Restore Deleted Plan</source>
        <translation>恢复已删除的计划(&amp;R)</translation>
    </message>
    <message>
        <source>Log a Con&amp;tact…</source>
        <translation>记录客户交往(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Import Plan File…</source>
        <translation>导入计划文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Export Plan &amp;File…</source>
        <translation>导出计划文件(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>导出 PDF(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;Several PDFs…</source>
        <translation>批量导出 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>Export PDF with &amp;Changes Since Approval…</source>
        <translation>导出含批准后变化的 PDF(&amp;C)…</translation>
    </message>
    <message>
        <source>Save as &amp;Version…</source>
        <translation>另存为版本(&amp;V)…</translation>
    </message>
    <message>
        <source>S&amp;ync with Team Server…</source>
        <translation>与团队服务器同步(&amp;Y)…</translation>
    </message>
    <message>
        <source>Export &amp;Workbook…</source>
        <translation>导出工作簿(&amp;W)…</translation>
    </message>
    <message>
        <source>Import W&amp;orkbook…</source>
        <translation>导入工作簿(&amp;O)…</translation>
    </message>
    <message>
        <source>Export PDF for the C&amp;ustomer…</source>
        <translation>导出客户版 PDF(&amp;U)…</translation>
    </message>
    <message>
        <source>E&amp;xport Slides…</source>
        <translation>导出幻灯片(&amp;X)…</translation>
    </message>
    <message>
        <source>Export Key-Account Progress &amp;Report…</source>
        <translation>导出关键客户进度报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Restore From &amp;Backup…</source>
        <translation>从备份恢复(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>偏好设置(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find Account…</source>
        <translation>查找客户(&amp;F)…</translation>
    </message>
    <message>
        <source>Currency and &amp;Unit…</source>
        <translation>货币和单位(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Bold</source>
        <translation>加粗(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Italic</source>
        <translation>斜体(&amp;I)</translation>
    </message>
    <message>
        <source>B&amp;ulleted List</source>
        <translation>项目符号列表(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Numbered List</source>
        <translation>编号列表(&amp;N)</translation>
    </message>
    <message>
        <source>PDF &amp;Preview</source>
        <translation>PDF 预览(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Refresh Preview</source>
        <translation>刷新预览(&amp;R)</translation>
    </message>
    <message>
        <source>Planning &amp;Cycle</source>
        <translation>规划周期(&amp;C)</translation>
    </message>
    <message>
        <source>Portfolio &amp;Dashboard</source>
        <translation>客户组合概览(&amp;D)</translation>
    </message>
    <message>
        <source>P&amp;ortfolio</source>
        <translation>客户组合(&amp;O)</translation>
    </message>
    <message>
        <source>Account Facts</source>
        <translation>客户信息</translation>
    </message>
    <message>
        <source>Next Section</source>
        <translation>下一部分</translation>
    </message>
    <message>
        <source>Plan &amp;History…</source>
        <translation>计划修改历史(&amp;H)…</translation>
    </message>
    <message>
        <source>Previous Section</source>
        <translation>上一部分</translation>
    </message>
    <message>
        <source>&amp;About kamplanner</source>
        <translation>关于 kamplanner(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>格式(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Unsaved edits</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Some edits could not be saved (%1). Quit anyway and lose them?</source>
        <translation>有些修改未能保存（%1）。仍要退出并放弃这些修改吗？</translation>
    </message>
    <message>
        <source>That plan is no longer in the database.</source>
        <translation>数据库中已没有这个计划。</translation>
    </message>
    <message>
        <source>Team server</source>
        <translation>团队服务器</translation>
    </message>
    <message>
        <source>⇅ Not synced yet</source>
        <translation>⇅ 尚未同步</translation>
    </message>
    <message numerus="yes">
        <source>⇅ %n plan(s) not synced</source>
        <translation>
            <numerusform>⇅ %n 份计划尚未同步</numerusform>
        </translation>
    </message>
    <message>
        <source>⇅ Synced</source>
        <translation>⇅ 已同步</translation>
    </message>
    <message>
        <source>Team server: %1 (File ▸ Sync with Team Server)</source>
        <translation>团队服务器：%1（文件 ▸ 与团队服务器同步）</translation>
    </message>
    <message>
        <source>● Team server: %1</source>
        <translation>● 团队服务器：%1</translation>
    </message>
    <message>
        <source>Changes other people save show here as they save them.</source>
        <translation>其他人保存的修改会即时显示在这里。</translation>
    </message>
    <message>
        <source>○ Team server: %1, not hearing others&apos; changes</source>
        <translation>○ 团队服务器：%1，暂时收不到其他人的修改</translation>
    </message>
    <message>
        <source>The server&apos;s change notices are not reaching this window; trying again.</source>
        <translation>服务器的修改通知没有到达本窗口，正在重试。</translation>
    </message>
    <message>
        <source>Phase %1: %2</source>
        <translation>阶段 %1：%2</translation>
    </message>
    <message>
        <source>%1% complete</source>
        <translation>完成 %1%</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Not saved, retrying: %1</source>
        <translation>未保存，正在重试：%1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Every edit is written to the database within a second; there is no Save command.</source>
        <translation>每次修改都会在一秒内写入数据库，无需手动保存。</translation>
    </message>
    <message>
        <source>Your latest edits are not saved: %1. They are kept in this window and tried again every few seconds; do not quit until the status says Saved.</source>
        <translation>你最近的修改尚未保存：%1。它们保留在这个窗口里，每隔几秒重试一次；状态显示“已保存”之前请不要退出。</translation>
    </message>
    <message>
        <source>Account facts</source>
        <translation>客户信息</translation>
    </message>
    <message>
        <source>(empty or removed)</source>
        <translation>（空或已删除）</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>你的</translation>
    </message>
    <message>
        <source>Stored now</source>
        <translation>当前保存的</translation>
    </message>
    <message>
        <source>Changed in two places</source>
        <translation>两处同时改动</translation>
    </message>
    <message numerus="yes">
        <source>%n of your edits changed what someone else changed at the same time. The other version is in the plan now; yours are below (Show Details). Use yours instead?</source>
        <translation>
            <numerusform>你的 %n 处修改与别人同时所做的修改冲突。计划中现在是对方的版本；你的版本见下方（显示详细信息）。改用你的版本吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Use Mine</source>
        <translation>用我的</translation>
    </message>
    <message>
        <source>Keep the Other Version</source>
        <translation>保留对方的版本</translation>
    </message>
    <message>
        <source>Use my version</source>
        <translation>改用我的版本</translation>
    </message>
    <message>
        <source>Put the cursor in a text field to format it.</source>
        <translation>请先把光标放到文本框中再设置格式。</translation>
    </message>
    <message>
        <source>Added the account %1.</source>
        <translation>已添加客户 %1。</translation>
    </message>
    <message>
        <source>Make a plan for %1 now?</source>
        <translation>现在为 %1 创建计划吗？</translation>
    </message>
    <message>
        <source>Nothing has changed since %1: there is no new version to save.</source>
        <translation>自%1以来没有任何修改，没有可保存的新版本。</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存%1。</translation>
    </message>
    <message>
        <source>Delete Plan</source>
        <translation>删除计划</translation>
    </message>
    <message>
        <source>Delete the plan %1?</source>
        <translation>删除计划 %1 吗？</translation>
    </message>
    <message>
        <source>You can bring it back with File ▸ Restore Deleted Plan until you quit.</source>
        <translation>在退出程序之前，可以通过“文件 ▸ 恢复已删除的计划”找回。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Deleted the plan %1.</source>
        <translation>已删除计划 %1。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Restore Deleted Plan</source>
        <translation>恢复已删除的计划</translation>
    </message>
    <message>
        <source>The plan is back.</source>
        <translation>计划已恢复。</translation>
    </message>
    <message>
        <source>Import Plan File</source>
        <translation>导入计划文件</translation>
    </message>
    <message>
        <source>Plan files and plan PDFs (*.json *.pdf);;All files (*)</source>
        <translation>规划文件和规划 PDF (*.json *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1

Replace the plan in the database with the file&apos;s content?</source>
        <translation>%1

用文件内容替换数据库中的这个计划吗？</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>已导入 %1。</translation>
    </message>
    <message numerus="yes">
        <source>%n review comment(s) read from %1.</source>
        <translation>
            <numerusform>从 %1 读入 %n 条审阅评论。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 has no comments that are not here already.</source>
        <translation>%1 中没有新的评论。</translation>
    </message>
    <message>
        <source>Signed off: version %1, by %2 on %3, signed in their own tool.</source>
        <translation>已签批：第 %1 版，由 %2 于 %3 用其自己的工具签名。</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate chains to a trusted root.</source>
        <translation>签名人的证书链到受信任的根证书。</translation>
    </message>
    <message>
        <source>The signer is NOT verified: no trusted root issued the certificate.</source>
        <translation>签名人未经验证：该证书不是由任何受信任的根证书签发的。</translation>
    </message>
    <message>
        <source>The signer is not verified: no folder of trusted roots is set.</source>
        <translation>签名人未经验证：尚未设置受信任根证书的文件夹。</translation>
    </message>
    <message>
        <source>%1 cannot be imported. Nothing was changed. The problems, each with its place in the file:</source>
        <translation>%1 无法导入，没有做任何修改。问题如下（附文件中的位置）：</translation>
    </message>
    <message>
        <source>Export Plan File</source>
        <translation>导出计划文件</translation>
    </message>
    <message>
        <source>Plan files (*.json)</source>
        <translation>计划文件 (*.json)</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>已写入 %1。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n PDF(s).</source>
        <translation>
            <numerusform>已导出 %n 个 PDF。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled before the end.</source>
        <translation>已中途取消。</translation>
    </message>
    <message>
        <source>Some plans</source>
        <translation>部分计划</translation>
    </message>
    <message>
        <source>The new database is used from the next start.</source>
        <translation>新数据库将在下次启动时使用。</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Restore From Backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>There are no backups of this database yet.</source>
        <translation>这个数据库还没有备份。</translation>
    </message>
    <message>
        <source>after changes</source>
        <translation>改动之后</translation>
    </message>
    <message>
        <source>Bring back the database as it was at:</source>
        <translation>把数据库恢复到这个时刻：</translation>
    </message>
    <message>
        <source>Replace the database with the backup %1? The current file is kept as a backup first, so this can be undone by restoring that one.</source>
        <translation>用备份 %1 替换数据库吗？当前文件会先另存为一份备份，恢复那一份即可撤销。</translation>
    </message>
    <message>
        <source>Restored %1. The file it replaced is kept as %2.</source>
        <translation>已恢复 %1。被替换的文件另存为 %2。</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>%1 is damaged (%2). It is open read-only: nothing will be written to it.</source>
        <translation>%1 已损坏（%2）。它以只读方式打开，不会写入任何内容。</translation>
    </message>
    <message>
        <source>There is no backup to restore.</source>
        <translation>没有可以恢复的备份。</translation>
    </message>
    <message>
        <source>Restore the Backup of %1</source>
        <translation>恢复 %1 的备份</translation>
    </message>
    <message>
        <source>Open Read-Only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>In tables, as in Excel: type on a cell to edit it; Tab and Shift+Tab go to the next and previous cell (Tab on the last cell adds a row), Enter confirms and goes down, Ctrl+Tab leaves the table; Insert or Ctrl+Enter adds a row, Ctrl+- removes the selected rows, Alt+Up/Down moves a row, Delete clears cells, Ctrl+D fills down, Ctrl+C/Ctrl+V copy and paste blocks of cells.</source>
        <translation>表格中与 Excel 相同：在单元格上直接输入即可编辑；Tab 和 Shift+Tab 移到下一个和上一个单元格（在最后一个单元格按 Tab 会添加一行），Enter 确认并下移，Ctrl+Tab 离开表格；Insert 或 Ctrl+Enter 添加一行，Ctrl+- 删除所选行，Alt+上/下 移动一行，Delete 清空单元格，Ctrl+D 向下填充，Ctrl+C/Ctrl+V 复制和粘贴单元格区域。</translation>
    </message>
    <message>
        <source>In text: Ctrl+B bold, Ctrl+I italic, Ctrl+Shift+8 bullets, Ctrl+Shift+7 numbering; “- ” or “1. ” at the start of a line starts a list, Tab and Shift+Tab nest an item, Enter on an empty item ends the list, Shift+Enter breaks a line. In the search box: Down or Enter goes to the results, Esc clears it.</source>
        <translation>文本中：Ctrl+B 加粗，Ctrl+I 斜体，Ctrl+Shift+8 项目符号，Ctrl+Shift+7 编号；行首输入“- ”或“1. ”开始列表，Tab 和 Shift+Tab 调整列表层级，在空的列表项上按 Enter 结束列表，Shift+Enter 换行。搜索框中：下方向键或 Enter 进入结果，Esc 清空搜索。</translation>
    </message>
    <message>
        <source>About kamplanner</source>
        <translation>关于 kamplanner</translation>
    </message>
    <message>
        <source>&lt;b&gt;kamplanner %1&lt;/b&gt;&lt;p&gt;Key account plans: write them, keep them current, review and sign them off as PDFs.&lt;/p&gt;</source>
        <translation>&lt;b&gt;kamplanner %1&lt;/b&gt;&lt;p&gt;客户规划：编写、保持更新、审查，并以 PDF 签署。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
</context>
<context>
    <name>MoneyUnit</name>
    <message>
        <source>Currency</source>
        <translation>货币</translation>
    </message>
    <message>
        <source>Figures count</source>
        <translation>数字单位</translation>
    </message>
    <message>
        <source>Currency and Unit</source>
        <translation>货币和单位</translation>
    </message>
    <message>
        <source>Convert the figures</source>
        <translation>换算金额</translation>
    </message>
    <message>
        <source>Keep the figures; change only the unit&apos;s name</source>
        <translation>金额不变，只改单位名称</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>New unit</source>
        <translation>新单位</translation>
    </message>
    <message>
        <source>Exchange rate</source>
        <translation>汇率</translation>
    </message>
    <message>
        <source>1 %1 =</source>
        <translation>1 %1 =</translation>
    </message>
    <message>
        <source>Choose another currency or multiple.</source>
        <translation>请选择其他货币或单位。</translation>
    </message>
    <message numerus="yes">
        <source>The %n figure(s) stay as they are; they are read as %1 from now on.</source>
        <translation>
            <numerusform>%n 个金额保持不变，此后按 %1 读取。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n figure(s) are converted: %1 becomes %2.</source>
        <translation>
            <numerusform>将换算 %n 个金额：%1 变为 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>The account&apos;s annual revenue stays in %1.</source>
        <translation>客户年收入仍以 %1 计。</translation>
    </message>
    <message>
        <source>Change money unit to %1</source>
        <translation>金额单位改为 %1</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>Accounts and plans</source>
        <translation>客户和计划</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>完成度</translation>
    </message>
    <message>
        <source>%1 %2 · %3 · %4% complete · %5</source>
        <translation>%1 %2 · %3 · 完成 %4% · %5</translation>
    </message>
    <message>
        <source>Account facts</source>
        <translation>客户信息</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>Still to do</source>
        <translation>待完成</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Required field still empty: %1</source>
        <translation>必填项尚未填写：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n empty</source>
        <translation>
            <numerusform>%n 项未填</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>health</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>%1 of %2 required fields filled</source>
        <translation>必填项已填 %1 / %2</translation>
    </message>
    <message>
        <source>Plan health:</source>
        <translation>计划健康检查：</translation>
    </message>
    <message>
        <source>Search accounts (Ctrl+F)</source>
        <translation>搜索客户（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search accounts</source>
        <translation>搜索客户</translation>
    </message>
    <message>
        <source>Filter by tier</source>
        <translation>按客户分级筛选</translation>
    </message>
    <message>
        <source>All tiers</source>
        <translation>全部分级</translation>
    </message>
    <message>
        <source>Filter by phase</source>
        <translation>按阶段筛选</translation>
    </message>
    <message>
        <source>All phases</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <source>Filter by account manager</source>
        <translation>按客户经理筛选</translation>
    </message>
    <message>
        <source>Sections of the open plan</source>
        <translation>当前计划的各部分</translation>
    </message>
    <message>
        <source>All managers</source>
        <translation>全部客户经理</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>PDF preview</source>
        <translation>PDF 预览</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Render the plan again (F5)</source>
        <translation>重新生成 PDF（F5）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export the PDF to a file (Ctrl+E)</source>
        <translation>把 PDF 导出为文件（Ctrl+E）</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Press Refresh to render the plan.</source>
        <translation>点击“刷新”生成 PDF。</translation>
    </message>
    <message>
        <source>Rendering…</source>
        <translation>正在生成…</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n page(s)</source>
        <translation>
            <numerusform>%1 · 共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not render the PDF: %1</source>
        <translation>无法生成 PDF：%1</translation>
    </message>
    <message>
        <source> changes</source>
        <translation> 变化</translation>
    </message>
    <message>
        <source> customer version</source>
        <translation> 客户版</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Rendering %1…</source>
        <translation>正在生成 %1…</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported %1.</source>
        <translation>已导出 %1。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Export PDFs</source>
        <translation>批量导出 PDF</translation>
    </message>
    <message>
        <source>Plans to export</source>
        <translation>要导出的计划</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>None</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Into</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exporting PDFs…</source>
        <translation>正在导出 PDF…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
</context>
<context>
    <name>PlanDocument</name>
    <message>
        <source>This plan no longer exists in the database.</source>
        <translation>数据库中已没有这个计划。</translation>
    </message>
    <message>
        <source>This plan was changed elsewhere (another window or program) and has been reloaded.</source>
        <translation>这个计划已在别处（其他窗口或程序）被修改，现已重新载入。</translation>
    </message>
    <message numerus="yes">
        <source>%n of your latest edits changed what was also changed there; the other version was kept and yours is shown so you can apply it again.</source>
        <translation>
            <numerusform>你最近的 %n 处修改与那里的修改冲突；已保留对方的版本，并列出你的版本，可以再次采用。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your latest edits no longer fitted and were dropped.</source>
        <translation>
            <numerusform>您最近的 %n 处修改已不适用，已被放弃。</numerusform>
        </translation>
    </message>
    <message>
        <source>Your latest edits were kept and saved on top.</source>
        <translation>您最近的修改已保留，并在此基础上保存。</translation>
    </message>
    <message>
        <source>Undo history was cleared.</source>
        <translation>撤销记录已清空。</translation>
    </message>
    <message>
        <source>%1 saved changes to this plan; they are shown here.</source>
        <translation>%1 保存了对本计划的修改，已显示在这里。</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>客户分级</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Customer since</source>
        <translation>合作起始年份</translation>
    </message>
    <message>
        <source>Our annual revenue from it</source>
        <translation>我方年收入</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>An account needs a name of its own.</source>
        <translation>客户需要一个独有的名称。</translation>
    </message>
    <message>
        <source>There is already an account named %1.</source>
        <translation>已有名为 %1 的客户。</translation>
    </message>
    <message>
        <source>e.g. 1,250 or 1250万 or 12.5m</source>
        <translation>例如 1,250、1250万 或 12.5m</translation>
    </message>
    <message>
        <source>Planning year</source>
        <translation>计划年份</translation>
    </message>
    <message>
        <source>Language of the plan</source>
        <translation>计划语言</translation>
    </message>
    <message>
        <source>Page budget: as needed</source>
        <translation>篇幅：按需</translation>
    </message>
    <message>
        <source>Page budget: about %1 page(s)</source>
        <translation>篇幅：约 %1 页</translation>
    </message>
    <message>
        <source>Page budget: %1–%2 pages</source>
        <translation>篇幅：%1–%2 页</translation>
    </message>
    <message>
        <source>Opportunity matrix</source>
        <translation>机会矩阵</translation>
    </message>
    <message>
        <source>Stakeholder map</source>
        <translation>关键决策者关系图</translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation>答复：%1</translation>
    </message>
    <message>
        <source>Account facts</source>
        <translation>客户信息</translation>
    </message>
    <message>
        <source>Who the customer is and how it is managed. The tier decides how often the plan is reviewed.</source>
        <translation>客户是谁、由谁管理。客户分级决定计划多久审查一次。</translation>
    </message>
    <message>
        <source>This plan</source>
        <translation>本计划</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Money unit</source>
        <translation>金额单位</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <source>Choose a plan in the navigator on the left, or make a new one with File ▸ New Plan…</source>
        <translation>请在左侧导航中选择一个计划，或通过“文件 ▸ 新建计划…”创建新计划。</translation>
    </message>
    <message>
        <source>Under senior review since %1 — read-only until sent back for changes.</source>
        <translation>自 %1 起由高级经理审阅中——退回修改前只读。</translation>
    </message>
    <message>
        <source>%1&apos;s plan — read-only for you (%2).</source>
        <translation>这是%1的计划——您（%2）只能查看。</translation>
    </message>
    <message>
        <source>Use my value</source>
        <translation>使用我的值</translation>
    </message>
    <message>
        <source>%1 — %2 plan</source>
        <translation>%1 — %2 年计划</translation>
    </message>
</context>
<context>
    <name>ProgressExport</name>
    <message>
        <source>Key-account progress report</source>
        <translation>关键客户进度报告</translation>
    </message>
    <message>
        <source>Report date</source>
        <translation>报告日期</translation>
    </message>
    <message>
        <source>Report as of:</source>
        <translation>报告截至：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Export progress report</source>
        <translation>导出进度报告</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Exported the progress report.</source>
        <translation>已导出进度报告。</translation>
    </message>
</context>
<context>
    <name>ProseField</name>
    <message>
        <source>Required — still empty</source>
        <translation>必填 — 尚未填写</translation>
    </message>
    <message>
        <source>Type here. Ctrl+B bold, Ctrl+I italic; start a line with “- ” for a bullet, “1. ” for a numbered item.</source>
        <translation>在此输入。Ctrl+B 加粗，Ctrl+I 斜体；行首输入“- ”开始项目符号列表，“1. ”开始编号列表。</translation>
    </message>
    <message>
        <source>Bold (%1)</source>
        <translation>加粗（%1）</translation>
    </message>
    <message>
        <source>Italic (%1)</source>
        <translation>斜体（%1）</translation>
    </message>
    <message>
        <source>Bulleted list (Ctrl+Shift+8)</source>
        <translation>项目符号列表（Ctrl+Shift+8）</translation>
    </message>
    <message>
        <source>Numbered list (Ctrl+Shift+7)</source>
        <translation>编号列表（Ctrl+Shift+7）</translation>
    </message>
    <message>
        <source>Format %1</source>
        <translation>设置格式：%1</translation>
    </message>
    <message>
        <source>Type in %1</source>
        <translation>输入：%1</translation>
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message>
        <source>Sort rows by %1, ascending</source>
        <translation>按 %1 升序排列</translation>
    </message>
    <message>
        <source>Sort rows by %1, descending</source>
        <translation>按 %1 降序排列</translation>
    </message>
    <message>
        <source>Fit columns to the width</source>
        <translation>列宽适应表格宽度</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Remove selected rows</source>
        <translation>删除选中的行</translation>
    </message>
    <message>
        <source>Move row up</source>
        <translation>上移行</translation>
    </message>
    <message>
        <source>Move row down</source>
        <translation>下移行</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Fill down</source>
        <translation>向下填充</translation>
    </message>
    <message>
        <source>Clear cells</source>
        <translation>清空单元格</translation>
    </message>
    <message>
        <source>Add a row below the current one (Insert)</source>
        <translation>在当前行下方添加一行（Insert）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the selected rows (Ctrl+-)</source>
        <translation>删除选中的行（Ctrl+-）</translation>
    </message>
    <message>
        <source>Move the current row up (Alt+Up)</source>
        <translation>上移当前行（Alt+上）</translation>
    </message>
    <message>
        <source>Move the current row down (Alt+Down)</source>
        <translation>下移当前行（Alt+下）</translation>
    </message>
    <message>
        <source>Qualification questions</source>
        <translation>资格评估问题</translation>
    </message>
    <message>
        <source>Show or hide the eight questions that qualify each opportunity</source>
        <translation>显示或隐藏评估每个机会资格的八个问题</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n row(s)</source>
        <translation>
            <numerusform>删除 %n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) removed from %1. Undo (Ctrl+Z) brings them back.</source>
        <translation>
            <numerusform>已从%1中删除 %n 行。撤销（Ctrl+Z）可恢复。</numerusform>
        </translation>
    </message>
    <message>
        <source>Move row</source>
        <translation>移动行</translation>
    </message>
    <message>
        <source>Sort by %1</source>
        <translation>按 %1 排序</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>（尚未填写姓名）</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>text, several lines (Shift+Enter for a new line)</source>
        <translation>多行文本（Shift+Enter 换行）</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>amount in the plan&apos;s currency unit</source>
        <translation>金额（计划的货币单位）</translation>
    </message>
    <message>
        <source>percent</source>
        <translation>百分比</translation>
    </message>
    <message>
        <source>date (YYYY-MM-DD)</source>
        <translation>日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>one of the listed choices</source>
        <translation>从列表中选择</translation>
    </message>
    <message>
        <source>picked from another table</source>
        <translation>从另一张表中选择</translation>
    </message>
    <message>
        <source>names from another table, apart by commas</source>
        <translation>另一张表中的姓名，用逗号分隔</translation>
    </message>
    <message>
        <source>yes or no</source>
        <translation>是或否</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>%1 到 %2</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>至少 %1</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Nothing to choose yet: add %1 in section %2 first</source>
        <translation>暂无可选项：请先在第 %2 部分添加%1</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>Sync with Team Server</source>
        <translation>与团队服务器同步</translation>
    </message>
    <message>
        <source>This window works on the team server itself: there is nothing to sync.</source>
        <translation>本窗口直接在团队服务器上工作，无需同步。</translation>
    </message>
    <message>
        <source>The team server (for example postgresql+psycopg://wang@server/kam_team):</source>
        <translation>团队服务器（例如 postgresql+psycopg://wang@server/kam_team）：</translation>
    </message>
    <message>
        <source>Syncing with the team server…</source>
        <translation>正在与团队服务器同步…</translation>
    </message>
    <message>
        <source>Synced with the team server: %1 plans from it, %2 to it.</source>
        <translation>已与团队服务器同步：取回 %1 份计划，送出 %2 份。</translation>
    </message>
    <message>
        <source>In sync with the team server.</source>
        <translation>与团队服务器一致，无需同步。</translation>
    </message>
    <message>
        <source>Changed on both sides — the server&apos;s value is in the plan, yours is kept: %1 (%2)</source>
        <translation>两边都改过——计划中是服务器上的值，您的值另行保留：%1（%2）</translation>
    </message>
    <message>
        <source>Not sent yet — %1: %2</source>
        <translation>尚未送出——%1：%2</translation>
    </message>
    <message>
        <source>Some changes need a look: see the details.</source>
        <translation>有些修改需要您查看：请看详情。</translation>
    </message>
    <message>
        <source>Not synced: %1. Work goes on here; the next sync sends it.</source>
        <translation>未能同步：%1。可以继续在本机工作，下次同步时会送出。</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Changed on both sides at the last sync: yours was “%1”; the team server’s is here.</source>
        <translation>上次同步时两边都改过：您的是“%1”；这里显示的是团队服务器上的。</translation>
    </message>
    <message>
        <source>Use mine</source>
        <translation>使用我的</translation>
    </message>
    <message>
        <source>Keep this</source>
        <translation>保留现在的</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>Redid: %1</source>
        <translation>已重做：%1</translation>
    </message>
    <message>
        <source>Undid: %1</source>
        <translation>已撤销：%1</translation>
    </message>
</context>
<context>
    <name>Versions</name>
    <message>
        <source>Version %1 (draft)</source>
        <translation>第 %1 版（草稿）</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>第 %1 版</translation>
    </message>
</context>
<context>
    <name>Workbook</name>
    <message>
        <source>Import Workbook</source>
        <translation>导入工作簿</translation>
    </message>
    <message numerus="yes">
        <source>Importing %1 makes %n change(s) to the plan:</source>
        <translation>
            <numerusform>导入 %1 将对计划做 %n 处修改：</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 changes nothing in the plan.</source>
        <translation>%1 不会改变计划中的任何内容。</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>单元格</translation>
    </message>
    <message>
        <source>Where in the plan</source>
        <translation>计划中的位置</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Export Workbook</source>
        <translation>导出工作簿</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>已写入 %1。</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx);;All files (*)</source>
        <translation>Excel 工作簿 (*.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>已导入 %1。</translation>
    </message>
    <message>
        <source>%1 cannot be imported. Nothing was changed. The problems, each with its sheet and cell:</source>
        <translation>%1 无法导入，计划未作任何改动。问题如下，每条注明其工作表和单元格：</translation>
    </message>
</context>
</TS>
