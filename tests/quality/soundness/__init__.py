"""The adversarial soundness suite: no wrong verdict on any probe."""
