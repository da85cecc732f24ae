import BookChecks
import LossesChapter

LossesCommand.mainJoiningNegativeValues()
