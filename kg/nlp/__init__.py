"""The spaCy pipeline: a blank Chinese pipeline segmented by jieba, plus our components."""
